<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AuditLogModel</name>
    <message>
        <source>登录</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>登录失败</source>
        <translation>Login failed</translation>
    </message>
    <message>
        <source>多次登录失败，账户锁定</source>
        <translation>Account locked after failed logins</translation>
    </message>
    <message>
        <source>锁定期间尝试登录</source>
        <translation>Login attempt while locked</translation>
    </message>
    <message>
        <source>已停用账户尝试登录</source>
        <translation>Login attempt on disabled account</translation>
    </message>
    <message>
        <source>注销</source>
        <translation>Logout</translation>
    </message>
    <message>
        <source>修改自己的密码</source>
        <translation>Own password changed</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Password reset</translation>
    </message>
    <message>
        <source>新增工作人员</source>
        <translation>Staff member added</translation>
    </message>
    <message>
        <source>编辑工作人员</source>
        <translation>Staff member edited</translation>
    </message>
    <message>
        <source>启用工作人员</source>
        <translation>Staff member enabled</translation>
    </message>
    <message>
        <source>停用工作人员</source>
        <translation>Staff member disabled</translation>
    </message>
    <message>
        <source>首次设置基地</source>
        <translation>Base set up (first start)</translation>
    </message>
    <message>
        <source>新建基地</source>
        <translation>Base created</translation>
    </message>
    <message>
        <source>修改基地信息</source>
        <translation>Base details edited</translation>
    </message>
    <message>
        <source>修改开放时间</source>
        <translation>Opening hours changed</translation>
    </message>
    <message>
        <source>新增闭馆日</source>
        <translation>Closure added</translation>
    </message>
    <message>
        <source>删除闭馆日</source>
        <translation>Closure deleted</translation>
    </message>
    <message>
        <source>备份数据库</source>
        <translation>Database backed up</translation>
    </message>
    <message>
        <source>从备份恢复数据库</source>
        <translation>Database restored from backup</translation>
    </message>
    <message>
        <source>生成演示数据</source>
        <translation>Demo data generated</translation>
    </message>
    <message>
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>基地</source>
        <translation>Base</translation>
    </message>
    <message>
        <source>闭馆日</source>
        <translation>Closure</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <source>命令行</source>
        <translation>Command line</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
</context>
<context>
    <name>AuditLogSection</name>
    <message>
        <source>每项操作都记录在这里，最新的在最上面。日志只能查看，不能修改或删除。</source>
        <translation>Every action is recorded here, newest first. The log can only be viewed; it cannot be changed or deleted.</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
</context>
<context>
    <name>BackupModel</name>
    <message>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>每日自动</source>
        <translation>Daily (automatic)</translation>
    </message>
    <message>
        <source>手动</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>恢复前自动</source>
        <translation>Before restore (automatic)</translation>
    </message>
    <message>
        <source>升级前自动</source>
        <translation>Before upgrade (automatic)</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>BackupsSection</name>
    <message numerus="yes">
        <source>程序每天自动备份一次数据库，保留最近 %n 天的自动备份；手动备份不会被自动删除。重要操作（如批量导入）之前，建议先立即备份。</source>
        <translation>
            <numerusform>The database is backed up automatically once a day, and the automatic backups of the last %n day are kept; manual backups are never deleted automatically. Before a major operation (such as a bulk import), back up first.</numerusform>
            <numerusform>The database is backed up automatically once a day, and the automatic backups of the last %n days are kept; manual backups are never deleted automatically. Before a major operation (such as a bulk import), back up first.</numerusform>
        </translation>
    </message>
    <message>
        <source>备份文件夹：</source>
        <translation>Backup folder:</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>已备份到：%1</source>
        <translation>Backed up to: %1</translation>
    </message>
    <message>
        <source>选择要恢复的备份</source>
        <translation>Choose the backup to restore</translation>
    </message>
    <message>
        <source>数据库备份 (*.sqlite3);;所有文件 (*)</source>
        <translation>Database backups (*.sqlite3);;All files (*)</translation>
    </message>
    <message>
        <source>用备份“%1”替换现在的全部数据？

恢复前会先把现在的数据自动备份到备份文件夹。恢复后所有人（包括您）都需要重新登录，其他前台也要重新登录。</source>
        <translation>Replace all current data with the backup “%1”?

The current data is first backed up automatically to the backup folder. After the restore everyone (including you) must log in again, at the other front desks too.</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>正在检查并恢复备份…</source>
        <translation>Checking and restoring the backup…</translation>
    </message>
    <message>
        <source>已恢复。原来的数据保存在：%1</source>
        <translation>Restored. The previous data was saved to: %1</translation>
    </message>
    <message>
        <source>已从备份恢复</source>
        <translation>Restored from backup</translation>
    </message>
    <message>
        <source>数据已从备份恢复。原来的数据保存在：
%1

请重新登录。</source>
        <translation>The data has been restored from the backup. The previous data was saved to:
%1

Please log in again.</translation>
    </message>
</context>
<context>
    <name>BaseProfileSection</name>
    <message>
        <source>基地代码</source>
        <translation>Base code</translation>
    </message>
    <message>
        <source>基地名称</source>
        <translation>Base name</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>时区</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <source>用于区分各基地，设置后不能修改。</source>
        <translation>Identifies the base; it cannot be changed once set.</translation>
    </message>
    <message>
        <source>到访、预约和日志的时间都按此时区显示。</source>
        <translation>Times of visits, bookings and the log are shown in this time zone.</translation>
    </message>
    <message>
        <source>例如：明华红色港湾党群服务基地</source>
        <translation>e.g. Minghua Red Harbour Party and Public Service Base</translation>
    </message>
    <message>
        <source>例如：明华商圈中心广场 2 号楼 1 层</source>
        <translation>e.g. Floor 1, Building 2, Minghua Central Plaza</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>Boxes</name>
    <message>
        <source>未能完成</source>
        <translation>Could not complete</translation>
    </message>
    <message>
        <source>程序出错</source>
        <translation>Program error</translation>
    </message>
    <message>
        <source>程序遇到了意外错误，刚才的操作可能没有完成。

%1

详细信息已写入日志：
%2
请把日志文件发给维护人员。</source>
        <translation>The program ran into an unexpected error; the last action may not have been completed.

%1

The details were written to the log:
%2
Please send the log file to technical support.</translation>
    </message>
    <message>
        <source>无法启动红色港湾前台</source>
        <translation>Cannot start Red Harbour Front Desk</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>管理员重置了您的密码，请设置一个只有您知道的新密码。</source>
        <translation>An administrator has reset your password. Please set a new password that only you know.</translation>
    </message>
    <message>
        <source>当前密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再次输入新密码</source>
        <translation>Confirm new password</translation>
    </message>
    <message>
        <source>至少 8 位</source>
        <translation>At least 8 characters</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>已将数据库 %1 从结构版本 %2 升级到 %3。</source>
        <translation>Upgraded database %1 from schema version %2 to %3.</translation>
    </message>
    <message>
        <source>升级前的数据已备份到 %1。</source>
        <translation>The data from before the upgrade was backed up to %1.</translation>
    </message>
    <message>
        <source>已创建数据库 %1（结构版本 %2）。</source>
        <translation>Created database %1 (schema version %2).</translation>
    </message>
    <message>
        <source>数据库 %1 已是最新结构版本（%2），无需升级。</source>
        <translation>Database %1 already has the latest schema version (%2); no upgrade needed.</translation>
    </message>
    <message>
        <source>还没有可登录的工作人员。添加管理员：desk user add 用户名 --role admin；或打开 desk 按提示完成初始设置。</source>
        <translation>No staff member can log in yet. Add an administrator: desk user add USERNAME --role admin; or open desk and follow the first-time setup.</translation>
    </message>
    <message>
        <source>数据库里已有基地或工作人员，演示数据只能装入空数据库。请用 --data-dir 或 --db 另选一个位置。</source>
        <translation>The database already has a base or staff; demo data can only be loaded into an empty database. Choose another location with --data-dir or --db.</translation>
    </message>
    <message>
        <source>已装入演示数据：基地 %1，%2 名工作人员，%3 家联盟商家，%4 个闭馆日。</source>
        <translation>Loaded demo data: base %1, %2 staff members, %3 alliance merchants, %4 closures.</translation>
    </message>
    <message>
        <source>演示账户（密码均为 %1）：</source>
        <translation>Demo accounts (password for all: %1):</translation>
    </message>
    <message>
        <source>已有基地 %1，未再创建新基地。</source>
        <translation>A base already exists (%1); no new base was created.</translation>
    </message>
    <message>
        <source>已创建基地 %1 %2，开放时间默认为每天 09:00-21:00，可在窗口的设置中修改。</source>
        <translation>Created base %1 %2. Opening hours default to 09:00-21:00 every day; change them under Settings in the window.</translation>
    </message>
    <message>
        <source>已添加账户 %1（%2，%3）。</source>
        <translation>Added account %1 (%2, %3).</translation>
    </message>
    <message>
        <source>所属商家：%1。</source>
        <translation>Merchant: %1.</translation>
    </message>
    <message>
        <source>没有可以输入密码的终端。请加 --password-stdin，从标准输入提供一行密码。</source>
        <translation>There is no terminal to type the password in. Add --password-stdin and give the password as one line on standard input.</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>再次输入密码：</source>
        <translation>Confirm password:</translation>
    </message>
    <message>
        <source>已取消，未作任何改动。</source>
        <translation>Canceled; nothing was changed.</translation>
    </message>
    <message>
        <source>还没有工作人员账户。添加：desk user add 用户名 --role admin</source>
        <translation>No staff accounts yet. To add one: desk user add USERNAME --role admin</translation>
    </message>
    <message>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>locked</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>最近登录</source>
        <translation>Last login</translation>
    </message>
    <message>
        <source>已启用账户 %1。</source>
        <translation>Enabled account %1.</translation>
    </message>
    <message>
        <source>已停用账户 %1，该账户不能再登录。</source>
        <translation>Disabled account %1; it can no longer log in.</translation>
    </message>
    <message>
        <source>已重置 %1 的密码并解除锁定；本人下次登录时须改用自己的新密码。</source>
        <translation>Reset the password of %1 and unlocked the account; at the next login they must set a new password of their own.</translation>
    </message>
    <message>
        <source>%1 已存在，未覆盖</source>
        <translation>%1 already exists and was not overwritten</translation>
    </message>
    <message>
        <source>已备份到 %1</source>
        <translation>Backed up to %1</translation>
    </message>
    <message>
        <source>这就是当前数据库本身</source>
        <translation>this is the current database itself</translation>
    </message>
    <message>
        <source>备份文件 %1 检查通过（结构版本 %2）。</source>
        <translation>Backup file %1 passed the check (schema version %2).</translation>
    </message>
    <message>
        <source>恢复会用它替换数据库 %1 中的全部数据（当前数据会先备份）。确定恢复吗？[y/N] </source>
        <translation>Restoring replaces all data in database %1 with this backup (the current data is backed up first). Restore? [y/N] </translation>
    </message>
    <message>
        <source>已取消，数据库未改动。</source>
        <translation>Canceled; the database was not changed.</translation>
    </message>
    <message>
        <source>已从 %1 恢复数据库 %2。恢复前的数据已备份到 %3。</source>
        <translation>Restored database %2 from %1. The data from before the restore was backed up to %3.</translation>
    </message>
    <message>
        <source>恢复会替换当前数据，需要确认：请在终端中运行，或加 --yes。</source>
        <translation>Restoring replaces the current data and needs confirmation: run it in a terminal, or add --yes.</translation>
    </message>
    <message>
        <source>%1 项检查全部通过。</source>
        <translation>All %1 checks passed.</translation>
    </message>
</context>
<context>
    <name>ClosureModel</name>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>HoursSection</name>
    <message>
        <source>每周开放时间</source>
        <translation>Weekly opening hours</translation>
    </message>
    <message>
        <source>保存开放时间</source>
        <translation>Save opening hours</translation>
    </message>
    <message>
        <source>闭馆日</source>
        <translation>Closures</translation>
    </message>
    <message>
        <source>显示已过去的闭馆日</source>
        <translation>Show past closures</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>新增闭馆日</source>
        <translation>New closure</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>例如：线路检修</source>
        <translation>e.g. electrical maintenance</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>开放时间已保存。</source>
        <translation>Opening hours saved.</translation>
    </message>
    <message>
        <source>已添加闭馆日。</source>
        <translation>Closure added.</translation>
    </message>
    <message>
        <source>删除闭馆日“%1”（%2 至 %3）？删除后这几天按每周开放时间开放。</source>
        <translation>Delete the closure “%1” (%2 to %3)? Those days will then follow the weekly opening hours.</translation>
    </message>
    <message>
        <source>删除闭馆日</source>
        <translation>Delete closure</translation>
    </message>
</context>
<context>
    <name>LanguageSection</name>
    <message>
        <source>界面语言</source>
        <translation>Display language</translation>
    </message>
    <message>
        <source>切换后立即生效，无需重新启动。此设置只保存在这台电脑上，登录界面也使用它。</source>
        <translation>Takes effect at once, without a restart. This setting is saved on this computer only and also applies to the login screen.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录 — 红色港湾前台</source>
        <translation>Log in — Red Harbour Front Desk</translation>
    </message>
    <message>
        <source>红色港湾前台</source>
        <translation>Red Harbour Front Desk</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>演示数据：管理员 admin，前台 lixiaomei，密码均为 hongse2026。</source>
        <translation>Demo data: administrator admin, front desk lixiaomei, password hongse2026 for both.</translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>红色港湾前台 — %1</source>
        <translation>Red Harbour Front Desk — %1</translation>
    </message>
    <message>
        <source>【演示数据】</source>
        <translation>[DEMO DATA]</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>账户(&amp;A)</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <source>页面(&amp;G)</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <source>注销 / 切换用户</source>
        <translation>Log out / switch user</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>为您自己的账户 %1 设置新密码，立即生效。</source>
        <translation>Set a new password for your own account %1. It takes effect at once.</translation>
    </message>
    <message>
        <source>为 %1 设置一个临时密码，并当面或电话告诉对方。对方下次登录时必须改成只有自己知道的新密码。如果账户因多次输错被锁定，重置后即可登录。</source>
        <translation>Set a temporary password for %1 and tell them in person or by phone. At their next login they must change it to a new password only they know. If the account was locked after too many wrong passwords, they can log in again after the reset.</translation>
    </message>
    <message>
        <source>临时密码</source>
        <translation>Temporary password</translation>
    </message>
    <message>
        <source>再次输入</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>至少 8 位</source>
        <translation>At least 8 characters</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>操作日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>基地信息</source>
        <translation>Base details</translation>
    </message>
    <message>
        <source>开放时间与闭馆日</source>
        <translation>Hours and closures</translation>
    </message>
    <message>
        <source>语言 Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>首次设置 — 红色港湾前台</source>
        <translation>First-time setup — Red Harbour Front Desk</translation>
    </message>
    <message>
        <source>欢迎使用红色港湾前台。请填写本基地的信息和开放时间，并创建第一位管理员账户。</source>
        <translation>Welcome to Red Harbour Front Desk. Enter this base&apos;s details and opening hours, and create the first administrator account.</translation>
    </message>
    <message>
        <source>服务基地</source>
        <translation>Base</translation>
    </message>
    <message>
        <source>开放时间</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>管理员账户</source>
        <translation>Administrator account</translation>
    </message>
    <message>
        <source>基地名称</source>
        <translation>Base name</translation>
    </message>
    <message>
        <source>基地代码</source>
        <translation>Base code</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>再次输入密码</source>
        <translation>Confirm password</translation>
    </message>
    <message>
        <source>例如：明华红色港湾党群服务基地</source>
        <translation>e.g. Minghua Red Harbour Party and Public Service Base</translation>
    </message>
    <message>
        <source>2–8 位字母或数字</source>
        <translation>2–8 letters or digits</translation>
    </message>
    <message>
        <source>至少 8 位</source>
        <translation>At least 8 characters</translation>
    </message>
    <message>
        <source>完成设置</source>
        <translation>Finish setup</translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>新增工作人员</source>
        <translation>Add staff member</translation>
    </message>
    <message>
        <source>编辑工作人员</source>
        <translation>Edit staff member</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>商家</source>
        <translation>Merchant</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>再次输入密码</source>
        <translation>Confirm password</translation>
    </message>
    <message>
        <source>（请选择商家）</source>
        <translation>(choose a merchant)</translation>
    </message>
    <message>
        <source>小写字母、数字，如 zhangsan</source>
        <translation>lowercase and digits, e.g. zhangsan</translation>
    </message>
    <message>
        <source>至少 8 位</source>
        <translation>At least 8 characters</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>还没有联盟商家。请先添加商家，再为其收银员建账户。</source>
        <translation>There are no alliance merchants yet. Add the merchant first, then create accounts for its cashiers.</translation>
    </message>
    <message>
        <source>商户收银员只能核销本商家的兑换券。</source>
        <translation>A merchant cashier can only redeem their own merchant&apos;s vouchers.</translation>
    </message>
</context>
<context>
    <name>StaffModel</name>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>商家</source>
        <translation>Merchant</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>最近登录</source>
        <translation>Last login</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>须改密码</source>
        <translation>Must change password</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>多次输错密码，暂时锁定。重置密码可立即解锁。</source>
        <translation>Locked for now after too many wrong passwords. Resetting the password unlocks it at once.</translation>
    </message>
    <message>
        <source>密码已被管理员重置，下次登录时必须修改。</source>
        <translation>The password was reset by an administrator and must be changed at the next login.</translation>
    </message>
</context>
<context>
    <name>StaffSection</name>
    <message>
        <source>新增…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>已新增 %1（%2）。</source>
        <translation>Added %1 (%2).</translation>
    </message>
    <message>
        <source>已保存 %1 的资料。</source>
        <translation>Saved the details of %1.</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>启用账户</source>
        <translation>Enable account</translation>
    </message>
    <message>
        <source>启用 %1 的账户？启用后可以用原密码登录。</source>
        <translation>Enable the account of %1? They can then log in with their previous password.</translation>
    </message>
    <message>
        <source>停用账户</source>
        <translation>Disable account</translation>
    </message>
    <message>
        <source>这是您自己的账户。停用后您将无法再登录，确定要停用 %1 吗？</source>
        <translation>This is your own account. Once it is disabled you can no longer log in. Disable %1?</translation>
    </message>
    <message>
        <source>停用 %1 的账户？停用后不能登录，历史记录仍然保留，可随时重新启用。</source>
        <translation>Disable the account of %1? It can then no longer log in; its history is kept, and it can be enabled again at any time.</translation>
    </message>
    <message>
        <source>已启用 %1。</source>
        <translation>Enabled %1.</translation>
    </message>
    <message>
        <source>已停用 %1。</source>
        <translation>Disabled %1.</translation>
    </message>
    <message>
        <source>已为 %1 设置临时密码。对方下次登录时必须修改密码。</source>
        <translation>Set a temporary password for %1. They must change it at their next login.</translation>
    </message>
    <message>
        <source>已为 %1 设置新密码。</source>
        <translation>Set a new password for %1.</translation>
    </message>
</context>
<context>
    <name>WeekEditor</name>
    <message>
        <source>开放</source>
        <translation>Open</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <source>请填写此项。</source>
        <translation>This field is required.</translation>
    </message>
    <message numerus="yes">
        <source>太长了：最多 %n 个字符。</source>
        <translation>
            <numerusform>Too long: at most %n character.</numerusform>
            <numerusform>Too long: at most %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>太短了：至少 %n 个字符。</source>
        <translation>
            <numerusform>Too short: at least %n character.</numerusform>
            <numerusform>Too short: at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>含有不可见的控制字符，请重新输入。</source>
        <translation>Contains invisible control characters; please type it again.</translation>
    </message>
    <message>
        <source>结束不能早于开始，请检查。</source>
        <translation>The end cannot be before the start; please check.</translation>
    </message>
    <message>
        <source>两次输入的密码不一致，请重新输入。</source>
        <translation>The passwords do not match; please enter them again.</translation>
    </message>
    <message>
        <source>超出允许范围（%1–%2）。</source>
        <translation>Out of the allowed range (%1–%2).</translation>
    </message>
    <message>
        <source>用户名或密码不正确。</source>
        <translation>Incorrect username or password.</translation>
    </message>
    <message numerus="yes">
        <source>登录失败次数过多，账户已暂时锁定，请 %n 分钟后再试，或请管理员重置密码。</source>
        <translation>
            <numerusform>Too many failed logins: the account is locked for now. Try again in %n minute, or ask an administrator to reset your password.</numerusform>
            <numerusform>Too many failed logins: the account is locked for now. Try again in %n minutes, or ask an administrator to reset your password.</numerusform>
        </translation>
    </message>
    <message>
        <source>此账户已停用，请联系管理员。</source>
        <translation>This account is disabled. Please contact an administrator.</translation>
    </message>
    <message>
        <source>当前密码不正确。</source>
        <translation>The current password is incorrect.</translation>
    </message>
    <message>
        <source>您没有执行此操作的权限，请让管理员处理。</source>
        <translation>You do not have permission to do this. Please ask an administrator.</translation>
    </message>
    <message>
        <source>用户名“%1”已被使用，请换一个。</source>
        <translation>The username “%1” is already taken; please choose another.</translation>
    </message>
    <message>
        <source>找不到该记录，可能已被其他前台删除，请刷新后再试。</source>
        <translation>The record could not be found; another front desk may have deleted it. Please refresh and try again.</translation>
    </message>
    <message>
        <source>这是唯一启用的管理员，不能停用或降级。请先设置另一位管理员。</source>
        <translation>This is the only active administrator and cannot be disabled or demoted. Make someone else an administrator first.</translation>
    </message>
    <message>
        <source>此数据库已完成初始设置，请直接登录。</source>
        <translation>This database has already been set up. Please log in.</translation>
    </message>
    <message>
        <source>基地代码“%1”已被使用，请换一个。</source>
        <translation>The base code “%1” is already in use; please choose another.</translation>
    </message>
    <message>
        <source>商户收银员必须绑定一个联盟商家。</source>
        <translation>A merchant cashier must be linked to an alliance merchant.</translation>
    </message>
    <message>
        <source>只有商户收银员才绑定商家。</source>
        <translation>Only merchant cashiers are linked to a merchant.</translation>
    </message>
    <message>
        <source>这个手机号已登记给 %1，请直接搜索此人。</source>
        <translation>This phone number is already registered to %1; search for that person instead.</translation>
    </message>
    <message numerus="yes">
        <source>有 %n 位已经离开，未重复签退。请刷新在场名单。</source>
        <translation>
            <numerusform>%n person had already left, so was not checked out twice. Please refresh the list of people present.</numerusform>
            <numerusform>%n people had already left, so were not checked out twice. Please refresh the list of people present.</numerusform>
        </translation>
    </message>
    <message>
        <source>请先在名单中选择。</source>
        <translation>Please choose from the list first.</translation>
    </message>
    <message>
        <source>找不到数据库：%1。请先运行 desk init 创建，或检查路径。</source>
        <translation>Database not found: %1. Run desk init to create it, or check the path.</translation>
    </message>
    <message>
        <source>数据库正被其他程序占用（%1）。请稍候再试；若持续出现，请关闭其他前台程序。</source>
        <translation>The database is in use by another program (%1). Please try again shortly; if this persists, close the other front desk programs.</translation>
    </message>
    <message>
        <source>文件 %1 已损坏或不是数据库。如果这是前台的数据库，请从备份恢复。</source>
        <translation>The file %1 is damaged or is not a database. If it is the front desk&apos;s database, restore it from a backup.</translation>
    </message>
    <message>
        <source>数据库 %1 由更新版本的前台程序创建，请先升级本程序。</source>
        <translation>The database %1 was created by a newer version of the front desk program. Please upgrade this program first.</translation>
    </message>
    <message>
        <source>%1 不是红色港湾前台的数据库。</source>
        <translation>%1 is not a Red Harbour Front Desk database.</translation>
    </message>
    <message>
        <source>无法写入数据库位置 %1。请选择可写的文件夹（DESK_DATA_DIR 或 --db）。</source>
        <translation>Cannot write to the database location %1. Choose a writable folder (DESK_DATA_DIR or --db).</translation>
    </message>
    <message>
        <source>数据库 %1 位于网络路径上，SQLite 在网络共享上会损坏数据。请放在本机磁盘，多台前台共用请使用 PostgreSQL。</source>
        <translation>The database %1 is on a network path, and SQLite corrupts data on network shares. Keep it on a local disk; for several front desks sharing one database, use PostgreSQL.</translation>
    </message>
    <message>
        <source>无法连接数据库 %1。请检查网络和数据库服务器。</source>
        <translation>Cannot connect to the database %1. Check the network and the database server.</translation>
    </message>
    <message>
        <source>PostgreSQL 数据库请用 pg_dump 备份，例如：pg_dump -Fc -f desk.dump &quot;数据库地址&quot;。</source>
        <translation>Back up a PostgreSQL database with pg_dump, for example: pg_dump -Fc -f desk.dump &quot;DATABASE_URL&quot;.</translation>
    </message>
    <message>
        <source>备份或恢复失败：%1。</source>
        <translation>Backup or restore failed: %1.</translation>
    </message>
    <message>
        <source>操作未能完成（%1）。</source>
        <translation>The operation could not be completed (%1).</translation>
    </message>
    <message>
        <source>用户名需 3–32 位，只能用小写字母、数字和 . _ -，并以字母或数字开头。</source>
        <translation>A username has 3–32 characters: lowercase letters, digits and . _ -, starting with a letter or digit.</translation>
    </message>
    <message>
        <source>基地代码需 2–8 位大写字母或数字，例如 MH。</source>
        <translation>A base code has 2–8 uppercase letters or digits, e.g. MH.</translation>
    </message>
    <message>
        <source>角色只能是 admin、desk 或 merchant。</source>
        <translation>The role must be admin, desk or merchant.</translation>
    </message>
    <message>
        <source>不认识的时区，例如 Asia/Shanghai。</source>
        <translation>Unknown time zone; use a name such as Asia/Shanghai.</translation>
    </message>
    <message>
        <source>不支持的语言。</source>
        <translation>Unsupported language.</translation>
    </message>
    <message>
        <source>手机号应为 11 位大陆手机号，例如 138 1234 5678（可带 +86）。</source>
        <translation>A phone number must be an 11-digit mainland China mobile number, e.g. 138 1234 5678 (+86 optional).</translation>
    </message>
    <message>
        <source>请从列表中选择。</source>
        <translation>Please choose from the list.</translation>
    </message>
    <message>
        <source>日期格式应为 YYYY-MM-DD。</source>
        <translation>Dates must be in the format YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>时间格式应为 HH:MM。</source>
        <translation>Times must be in the format HH:MM.</translation>
    </message>
    <message>
        <source>格式不正确。</source>
        <translation>Invalid format.</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>再次输入密码</source>
        <translation>Confirm password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再次输入新密码</source>
        <translation>Confirm new password</translation>
    </message>
    <message>
        <source>当前密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>商家</source>
        <translation>Merchant</translation>
    </message>
    <message>
        <source>基地名称</source>
        <translation>Base name</translation>
    </message>
    <message>
        <source>基地代码</source>
        <translation>Base code</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>时区</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <source>闭馆原因</source>
        <translation>Closure reason</translation>
    </message>
    <message>
        <source>闭馆结束日期</source>
        <translation>Closure end date</translation>
    </message>
    <message>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>星期一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>星期二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>星期三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>星期四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>星期五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>星期六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>星期日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>前台</source>
        <translation>Front desk</translation>
    </message>
    <message>
        <source>商户收银员</source>
        <translation>Merchant cashier</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Party member</translation>
    </message>
    <message>
        <source>群众</source>
        <translation>Member of the public</translation>
    </message>
    <message>
        <source>新就业群体</source>
        <translation>Gig worker</translation>
    </message>
    <message>
        <source>商户</source>
        <translation>Merchant staff</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>阅读</source>
        <translation>Reading</translation>
    </message>
    <message>
        <source>母婴室</source>
        <translation>Nursing room</translation>
    </message>
    <message>
        <source>充电</source>
        <translation>Charging</translation>
    </message>
    <message>
        <source>法律咨询</source>
        <translation>Legal advice</translation>
    </message>
    <message>
        <source>休息</source>
        <translation>Rest</translation>
    </message>
    <message>
        <source>会议活动</source>
        <translation>Meeting or event</translation>
    </message>
    <message>
        <source>办事咨询</source>
        <translation>Service inquiry</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>美团</source>
        <translation>Meituan</translation>
    </message>
    <message>
        <source>饿了么</source>
        <translation>Ele.me</translation>
    </message>
    <message>
        <source>顺丰</source>
        <translation>SF Express</translation>
    </message>
    <message>
        <source>京东</source>
        <translation>JD</translation>
    </message>
    <message>
        <source>滴滴</source>
        <translation>DiDi</translation>
    </message>
    <message>
        <source>其他平台</source>
        <translation>Other platform</translation>
    </message>
    <message>
        <source>热水</source>
        <translation>Hot water</translation>
    </message>
    <message>
        <source>微波炉</source>
        <translation>Microwave</translation>
    </message>
    <message>
        <source>卫生间</source>
        <translation>Restroom</translation>
    </message>
</context>
</TS>
