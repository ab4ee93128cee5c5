<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AdjustDialog</name>
    <message>
        <source>调整积分</source>
        <translation>Adjust points</translation>
    </message>
    <message>
        <source>%1（会员号 %2）当前余额 %3 积分。填正数增加，负数扣减；余额不能小于 0。调整会记入积分流水，不能删除，只能冲正。</source>
        <translation>%1 (member no. %2) has %3 points. A positive number adds, a negative one deducts; the balance cannot go below 0. The adjustment goes into the points ledger: it cannot be deleted, only reversed.</translation>
    </message>
    <message>
        <source>积分(&amp;P)</source>
        <translation>&amp;Points</translation>
    </message>
    <message>
        <source>原因(&amp;R)</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>必填，例如：活动积分补记</source>
        <translation>Required, e.g. points for an event recorded late</translation>
    </message>
    <message>
        <source>调整</source>
        <translation>Adjust</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message numerus="yes">
        <source>给 %1 增加 %n 积分吗？</source>
        <translation>
            <numerusform>Add %n point to %1?</numerusform>
            <numerusform>Add %n points to %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>从 %1 扣减 %n 积分吗？</source>
        <translation>
            <numerusform>Deduct %n point from %1?</numerusform>
            <numerusform>Deduct %n points from %1?</numerusform>
        </translation>
    </message>
    <message>
        <source>原因：%1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <source>确认调整积分</source>
        <translation>Confirm the adjustment</translation>
    </message>
</context>
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
        <source>取消预约</source>
        <translation>Booking canceled</translation>
    </message>
    <message>
        <source>预约签到</source>
        <translation>Booking checked in</translation>
    </message>
    <message>
        <source>预约完成</source>
        <translation>Booking completed</translation>
    </message>
    <message>
        <source>新建预约</source>
        <translation>Booking created</translation>
    </message>
    <message>
        <source>延长预约</source>
        <translation>Booking extended</translation>
    </message>
    <message>
        <source>现场使用</source>
        <translation>Walk-in use</translation>
    </message>
    <message>
        <source>预约未到释放</source>
        <translation>No-shows released</translation>
    </message>
    <message>
        <source>清洁消毒登记</source>
        <translation>Cleaning logged</translation>
    </message>
    <message>
        <source>取消特别开放安排</source>
        <translation>Special hours removed</translation>
    </message>
    <message>
        <source>设置特别开放安排</source>
        <translation>Special hours set</translation>
    </message>
    <message>
        <source>新增设施</source>
        <translation>Facility added</translation>
    </message>
    <message>
        <source>修改设施开放时间</source>
        <translation>Facility hours changed</translation>
    </message>
    <message>
        <source>设施改名</source>
        <translation>Facility renamed</translation>
    </message>
    <message>
        <source>修改预约规则</source>
        <translation>Booking rules changed</translation>
    </message>
    <message>
        <source>匿名化到访者信息</source>
        <translation>Visitor data anonymized</translation>
    </message>
    <message>
        <source>登记群众</source>
        <translation>Visitor registered</translation>
    </message>
    <message>
        <source>修改群众信息</source>
        <translation>Visitor details edited</translation>
    </message>
    <message>
        <source>新建周期预约</source>
        <translation>Recurring booking created</translation>
    </message>
    <message>
        <source>修改设置</source>
        <translation>Setting changed</translation>
    </message>
    <message>
        <source>解除预约暂停</source>
        <translation>Booking suspension lifted</translation>
    </message>
    <message>
        <source>新增位置</source>
        <translation>Unit added</translation>
    </message>
    <message>
        <source>修改位置</source>
        <translation>Unit edited</translation>
    </message>
    <message>
        <source>标记故障</source>
        <translation>Marked broken</translation>
    </message>
    <message>
        <source>故障修复</source>
        <translation>Repaired</translation>
    </message>
    <message>
        <source>到访签到</source>
        <translation>Visitor checked in</translation>
    </message>
    <message>
        <source>更正到访记录</source>
        <translation>Visit record corrected</translation>
    </message>
    <message>
        <source>登记驿站服务</source>
        <translation>Station services recorded</translation>
    </message>
    <message>
        <source>闭馆自动签退</source>
        <translation>Checked out at closing (automatic)</translation>
    </message>
    <message>
        <source>签退</source>
        <translation>Checked out</translation>
    </message>
    <message>
        <source>导出到访记录</source>
        <translation>Visit records exported</translation>
    </message>
    <message>
        <source>导出预约台账</source>
        <translation>Exported the booking register</translation>
    </message>
    <message>
        <source>导出充电台账</source>
        <translation>Exported the charging register</translation>
    </message>
    <message>
        <source>导出积分流水台账</source>
        <translation>Exported the points ledger</translation>
    </message>
    <message>
        <source>导出兑换券台账</source>
        <translation>Exported the voucher register</translation>
    </message>
    <message>
        <source>加入红色积分</source>
        <translation>Joined Red Points</translation>
    </message>
    <message>
        <source>新建服务项目</source>
        <translation>Service project created</translation>
    </message>
    <message>
        <source>修改服务项目</source>
        <translation>Service project edited</translation>
    </message>
    <message>
        <source>更改项目状态</source>
        <translation>Project status changed</translation>
    </message>
    <message>
        <source>认领项目</source>
        <translation>Project claimed</translation>
    </message>
    <message>
        <source>取消认领</source>
        <translation>Claim cancelled</translation>
    </message>
    <message>
        <source>认领未到</source>
        <translation>Claimed but absent</translation>
    </message>
    <message>
        <source>导出积分公示</source>
        <translation>Points notice exported</translation>
    </message>
    <message>
        <source>兑换积分，开出兑换券</source>
        <translation>Points exchanged, voucher issued</translation>
    </message>
    <message>
        <source>重印兑换券</source>
        <translation>Voucher reprinted</translation>
    </message>
    <message>
        <source>核销兑换券</source>
        <translation>Voucher redeemed</translation>
    </message>
    <message>
        <source>作废兑换券</source>
        <translation>Voucher voided</translation>
    </message>
    <message>
        <source>兑换券过期</source>
        <translation>Vouchers expired</translation>
    </message>
    <message>
        <source>商家结算</source>
        <translation>Vouchers settled with a merchant</translation>
    </message>
    <message>
        <source>导出结算单</source>
        <translation>Settlement statement exported</translation>
    </message>
    <message>
        <source>导出统计报表</source>
        <translation>Exported a report</translation>
    </message>
    <message>
        <source>获得积分</source>
        <translation>Points earned</translation>
    </message>
    <message>
        <source>使用积分</source>
        <translation>Points spent</translation>
    </message>
    <message>
        <source>退还积分</source>
        <translation>Points refunded</translation>
    </message>
    <message>
        <source>调整积分</source>
        <translation>Points adjusted</translation>
    </message>
    <message>
        <source>积分过期</source>
        <translation>Points expired</translation>
    </message>
    <message>
        <source>冲正积分</source>
        <translation>Points entry reversed</translation>
    </message>
    <message>
        <source>新增联盟商家</source>
        <translation>Alliance merchant added</translation>
    </message>
    <message>
        <source>修改联盟商家</source>
        <translation>Alliance merchant edited</translation>
    </message>
    <message>
        <source>启用联盟商家</source>
        <translation>Alliance merchant activated</translation>
    </message>
    <message>
        <source>停用联盟商家</source>
        <translation>Alliance merchant deactivated</translation>
    </message>
    <message>
        <source>新增兑换项目</source>
        <translation>Reward added</translation>
    </message>
    <message>
        <source>修改兑换项目</source>
        <translation>Reward edited</translation>
    </message>
    <message>
        <source>启用兑换项目</source>
        <translation>Reward activated</translation>
    </message>
    <message>
        <source>停用兑换项目</source>
        <translation>Reward deactivated</translation>
    </message>
    <message>
        <source>兑换项目补货</source>
        <translation>Reward restocked</translation>
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
        <source>预约</source>
        <translation>Booking</translation>
    </message>
    <message>
        <source>周期预约</source>
        <translation>Recurring booking</translation>
    </message>
    <message>
        <source>特别开放安排</source>
        <translation>Special hours</translation>
    </message>
    <message>
        <source>设施</source>
        <translation>Facility</translation>
    </message>
    <message>
        <source>群众</source>
        <translation>Visitor</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Setting</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>到访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>会员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>积分流水</source>
        <translation>Points entry</translation>
    </message>
    <message>
        <source>服务项目</source>
        <translation>Service project</translation>
    </message>
    <message>
        <source>项目认领</source>
        <translation>Project claim</translation>
    </message>
    <message>
        <source>积分公示</source>
        <translation>Points notice</translation>
    </message>
    <message>
        <source>兑换券</source>
        <translation>Voucher</translation>
    </message>
    <message>
        <source>结算单</source>
        <translation>Settlement statement</translation>
    </message>
    <message>
        <source>联盟商家</source>
        <translation>Alliance merchant</translation>
    </message>
    <message>
        <source>兑换项目</source>
        <translation>Reward</translation>
    </message>
    <message>
        <source>统计报表</source>
        <translation>Report</translation>
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
    <name>Booking</name>
    <message>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <source>闭馆：%1</source>
        <translation>Closed: %1</translation>
    </message>
    <message>
        <source>%1（法定节假日）</source>
        <translation>%1 (public holiday)</translation>
    </message>
    <message>
        <source>调休上班（%1）</source>
        <translation>Make-up workday (%1)</translation>
    </message>
    <message>
        <source>特别安排：%1</source>
        <translation>Special hours: %1</translation>
    </message>
    <message>
        <source>特别安排</source>
        <translation>Special hours</translation>
    </message>
    <message>
        <source>每周休息日</source>
        <translation>Weekly closing day</translation>
    </message>
    <message>
        <source>%1，不开放预约</source>
        <translation>%1 — no bookings</translation>
    </message>
    <message>
        <source>开放 %1–%2</source>
        <translation>Open %1–%2</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <source>现在使用</source>
        <translation>Use now</translation>
    </message>
    <message>
        <source>新预约</source>
        <translation>New booking</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <source>使用时长</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>预约人</source>
        <translation>Booked for</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>充电安全</source>
        <translation>Charging safety</translation>
    </message>
    <message numerus="yes">
        <source>%n 分钟</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>选填，例如：主题党日</source>
        <translation>Optional, e.g. Party theme day</translation>
    </message>
    <message>
        <source> 人</source>
        <translation> person(s)</translation>
    </message>
    <message>
        <source>电池未改装</source>
        <translation>Battery not modified</translation>
    </message>
    <message>
        <source>不过夜充电</source>
        <translation>No overnight charging</translation>
    </message>
    <message>
        <source>车辆停放在指定区域</source>
        <translation>Parked in the designated area</translation>
    </message>
    <message>
        <source>开始使用</source>
        <translation>Start using</translation>
    </message>
    <message>
        <source>预约</source>
        <translation>Book</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>BookingPanel</name>
    <message>
        <source>所选</source>
        <translation>Selected</translation>
    </message>
    <message>
        <source>预约(&amp;B)… Enter</source>
        <translation>&amp;Book… Enter</translation>
    </message>
    <message>
        <source>现在使用(&amp;U)…</source>
        <translation>&amp;Use now…</translation>
    </message>
    <message>
        <source>来了就用：从现在开始使用这个位置，并登记到访</source>
        <translation>Walk-in: use this unit from now on and record the visit</translation>
    </message>
    <message>
        <source>周期预约(&amp;R)…</source>
        <translation>&amp;Recurring booking…</translation>
    </message>
    <message>
        <source>每周或每月第一个星期几，在一段日期内重复预约</source>
        <translation>Book the same time every week, or on the first given weekday of each month, over a range of dates</translation>
    </message>
    <message>
        <source>签到(&amp;I)</source>
        <translation>Check &amp;in</translation>
    </message>
    <message>
        <source>预约人到了：签到并登记到访</source>
        <translation>The person has arrived: check in and record the visit</translation>
    </message>
    <message>
        <source>完成(&amp;D)</source>
        <translation>&amp;Done</translation>
    </message>
    <message>
        <source>使用结束，位置从现在起空出</source>
        <translation>Use has ended; the unit is free from now on</translation>
    </message>
    <message>
        <source>取消预约(&amp;X)…</source>
        <translation>&amp;Cancel booking…</translation>
    </message>
    <message>
        <source>延长(&amp;E)</source>
        <translation>&amp;Extend</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>方向键移动 · Shift+←/→ 选时段 · Enter 预约或打开
PageUp/PageDown 换日期 · Ctrl+PageUp/PageDown 换设施</source>
        <translation>Arrows move · Shift+←/→ select · Enter books or opens
PageUp/PageDown: day · Ctrl+PageUp/PageDown: facility</translation>
    </message>
    <message>
        <source>没有可选的位置</source>
        <translation>No unit to select</translation>
    </message>
    <message numerus="yes">
        <source>人数：%n 人</source>
        <translation>
            <numerusform>People: %n</numerusform>
            <numerusform>People: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>备注：%1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <source>签到：%1</source>
        <translation>Checked in: %1</translation>
    </message>
    <message>
        <source>取消原因：%1</source>
        <translation>Reason for canceling: %1</translation>
    </message>
    <message>
        <source>周期预约的一次</source>
        <translation>Part of a recurring booking</translation>
    </message>
    <message numerus="yes">
        <source>%n 分钟</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>容量 %n 人</source>
        <translation>
            <numerusform>Capacity: %n person</numerusform>
            <numerusform>Capacity: %n people</numerusform>
        </translation>
    </message>
    <message>
        <source>暂停使用：%1</source>
        <translation>Out of service: %1</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
</context>
<context>
    <name>BookingsPage</name>
    <message>
        <source>◀ 前一天</source>
        <translation>◀ Previous day</translation>
    </message>
    <message>
        <source>前一天 (PageUp)</source>
        <translation>Previous day (PageUp)</translation>
    </message>
    <message>
        <source>后一天 ▶</source>
        <translation>Next day ▶</translation>
    </message>
    <message>
        <source>后一天 (PageDown)</source>
        <translation>Next day (PageDown)</translation>
    </message>
    <message>
        <source>今天(&amp;T)</source>
        <translation>&amp;Today</translation>
    </message>
    <message>
        <source>还没有可预约的设施。请管理员在“设置”中添加或启用设施。</source>
        <translation>There are no bookable facilities yet. Ask an administrator to add or enable one under “Settings”.</translation>
    </message>
    <message>
        <source>│ 现在</source>
        <translation>│ Now</translation>
    </message>
    <message>
        <source>（今天）</source>
        <translation> (today)</translation>
    </message>
    <message>
        <source>已开始使用：%1</source>
        <translation>In use from now: %1</translation>
    </message>
    <message>
        <source>已预约：%1</source>
        <translation>Booked: %1</translation>
    </message>
    <message>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
    <message numerus="yes">
        <source>周期预约：已预约 %n 次</source>
        <translation>
            <numerusform>Recurring booking: %n date booked</numerusform>
            <numerusform>Recurring booking: %n dates booked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，跳过 %n 次</source>
        <translation>
            <numerusform>, %n skipped</numerusform>
            <numerusform>, %n skipped</numerusform>
        </translation>
    </message>
    <message>
        <source>已签到：%1（已登记到访）</source>
        <translation>Checked in: %1 (visit recorded)</translation>
    </message>
    <message>
        <source>已完成：%1</source>
        <translation>Completed: %1</translation>
    </message>
    <message>
        <source>已延长：%1</source>
        <translation>Extended: %1</translation>
    </message>
    <message>
        <source>已取消：%1</source>
        <translation>Canceled: %1</translation>
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
    <name>CancelDialog</name>
    <message>
        <source>取消预约</source>
        <translation>Cancel booking</translation>
    </message>
    <message>
        <source>取消原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>必填，例如：本人来电取消</source>
        <translation>Required, e.g. canceled by phone</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>CatalogueDialog</name>
    <message>
        <source>兑换 — %1</source>
        <translation>Exchange points — %1</translation>
    </message>
    <message>
        <source>为 %1（会员号 %2）兑换，当前余额 %3 积分。输入商家或兑换内容筛选，↑ ↓ 选择，Enter 兑换；兑换后立即打开兑换券预览。</source>
        <translation>Exchanging for %1 (member no. %2), balance %3 points. Type a merchant or reward to filter, ↑ ↓ to choose, Enter to exchange; the voucher preview opens right after.</translation>
    </message>
    <message>
        <source>筛选：商家或兑换内容，例如 超市、奶茶</source>
        <translation>Filter: merchant or reward, e.g. supermarket, tea</translation>
    </message>
    <message>
        <source>兑换 (Enter)</source>
        <translation>Exchange (Enter)</translation>
    </message>
    <message>
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>unlimited</translation>
    </message>
    <message>
        <source>没有符合“%1”的兑换项目。</source>
        <translation>No reward matches &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>还没有可兑换的项目。请管理员在“设置”中添加联盟商家和兑换项目。</source>
        <translation>There are no rewards yet. An administrator adds alliance merchants and rewards in Settings.</translation>
    </message>
    <message>
        <source>兑换“%1”（%2）需 %3 积分，兑换后余额 %4。按 Enter 兑换。</source>
        <translation>&quot;%1&quot; (%2) costs %3 points; the balance will be %4. Press Enter to exchange.</translation>
    </message>
    <message>
        <source>“%1”现在不能兑换：%2</source>
        <translation>&quot;%1&quot; cannot be exchanged now: %2</translation>
    </message>
    <message>
        <source>请先在列表中选择要兑换的项目。</source>
        <translation>Choose a reward in the list first.</translation>
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
    <name>ChargingPage</name>
    <message>
        <source>本基地没有启用的充电桩或充电插座。管理员可在设置中启用。</source>
        <translation>This base has no e-bike charging points or phone charging sockets in use. An administrator can enable them in Settings.</translation>
    </message>
    <message>
        <source>%1 超时 %2（%3）</source>
        <translation>%1 over by %2 (%3)</translation>
    </message>
    <message numerus="yes">
        <source>%n 个充电已超时，请及时联系：</source>
        <translation>
            <numerusform>%n charge is overdue; please contact: </numerusform>
            <numerusform>%n charges are overdue; please contact: </numerusform>
        </translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>ChargingWords</name>
    <message numerus="yes">
        <source>%n 分钟</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n 小时</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n分钟</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n小时</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message>
        <source>%1小时%2分</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>空闲</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>充电中</source>
        <translation>Charging</translation>
    </message>
    <message>
        <source>已超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>故障</source>
        <translation>Broken</translation>
    </message>
    <message>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <source>尾号%1</source>
        <translation>…%1</translation>
    </message>
</context>
<context>
    <name>Checkin</name>
    <message>
        <source>暖新驿站 · %1</source>
        <translation>Warm Station · %1</translation>
    </message>
    <message>
        <source>%1（匿名）</source>
        <translation>%1 (anonymous)</translation>
    </message>
    <message>
        <source>（已匿名化）</source>
        <translation>(anonymized)</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>CheckinEntry</name>
    <message>
        <source>签到</source>
        <translation>Check in</translation>
    </message>
    <message>
        <source>手机号、手机尾号 4 位或姓名</source>
        <translation>Phone, last 4 digits or name</translation>
    </message>
    <message>
        <source>签到 (Enter)</source>
        <translation>Check in (Enter)</translation>
    </message>
    <message>
        <source>输入后按 Enter 签到；多人匹配时用 ↑ ↓ 选择。新号码会出现登记表。
F1–F8 选事由 · Alt+N 人数 · F9 匿名登记 · Esc 清空 · Ctrl+R 刷新在场名单</source>
        <translation>Type, then press Enter to check in; with several matches, choose with ↑ ↓. A new number opens a form.
F1–F8 purpose · Alt+N people · F9 anonymous · Esc clear · Ctrl+R refresh on-site list</translation>
    </message>
    <message>
        <source>事由（F1–F8）</source>
        <translation>Purpose (F1–F8)</translation>
    </message>
    <message>
        <source>事由：%1（F%2）</source>
        <translation>Purpose: %1 (F%2)</translation>
    </message>
    <message>
        <source>人数(&amp;N)</source>
        <translation>People (&amp;N)</translation>
    </message>
    <message>
        <source>不留信息：</source>
        <translation>No details:</translation>
    </message>
    <message>
        <source>匿名登记 (F9)</source>
        <translation>Anonymous (F9)</translation>
    </message>
    <message>
        <source>只记类别、事由和人数，不记姓名和电话</source>
        <translation>Records only the category, purpose and number of people, not a name or phone number</translation>
    </message>
    <message numerus="yes">
        <source>找到 %n 位，用 ↑ ↓ 选择，Enter 签到。</source>
        <translation>
            <numerusform>Found %n match; choose with ↑ ↓, Enter to check in.</numerusform>
            <numerusform>Found %n matches; choose with ↑ ↓, Enter to check in.</numerusform>
        </translation>
    </message>
    <message>
        <source>这个号码还没有登记。按 Enter 填写姓名，再按 Enter 登记并签到。</source>
        <translation>This number is not registered yet. Press Enter to type the name, then Enter again to register and check in.</translation>
    </message>
    <message>
        <source>没有手机尾号为 %1 的访客。新访客请输入完整的 11 位手机号。</source>
        <translation>No visitor&apos;s phone number ends in %1. For a new visitor, type the full 11-digit number.</translation>
    </message>
    <message>
        <source>没有姓名以“%1”开头的访客。新访客请输入手机号；不愿留信息的请用匿名登记 (F9)。</source>
        <translation>No visitor&apos;s name starts with “%1”. For a new visitor, type the phone number; for someone who prefers to leave no details, use Anonymous (F9).</translation>
    </message>
    <message>
        <source>请继续输入：完整的 11 位手机号，或手机尾号 4 位。</source>
        <translation>Keep typing: the full 11-digit number, or its last 4 digits.</translation>
    </message>
    <message>
        <source>请先输入手机号、手机尾号 4 位或姓名。</source>
        <translation>First type a phone number, its last 4 digits or a name.</translation>
    </message>
    <message>
        <source>%1 已在场（尚未签退）。再按一次 Enter 仍然签到；Esc 取消。</source>
        <translation>%1 is already on site (not checked out). Press Enter again to check in anyway; Esc to cancel.</translation>
    </message>
</context>
<context>
    <name>CheckinPage</name>
    <message numerus="yes">
        <source>%n 人</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
    <message>
        <source>已签到：%1</source>
        <translation>Checked in: %1</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source> 等</source>
        <translation> and others</translation>
    </message>
    <message numerus="yes">
        <source>已签退 %n 条登记：</source>
        <translation>
            <numerusform>Checked out %n entry: </numerusform>
            <numerusform>Checked out %n entries: </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClaimPanel</name>
    <message>
        <source>认领：扫会员卡或输入手机号/姓名</source>
        <translation>Claim: scan a member card or type a phone / name</translation>
    </message>
    <message>
        <source>扫描会员卡，或输入手机号、尾号 4 位、姓名后按 Enter；多人匹配时用 ↑ ↓ 选择</source>
        <translation>Scan a member card, or type a phone number, its last 4 digits or a name and press Enter; choose with ↑ ↓ when several match</translation>
    </message>
    <message>
        <source>认领 (Enter)</source>
        <translation>Claim (Enter)</translation>
    </message>
    <message>
        <source>打印签到表…</source>
        <translation>Print sign-in sheet…</translation>
    </message>
    <message>
        <source>把认领名单保存为 PDF 签到表（姓名打码），打印后带到活动现场签到</source>
        <translation>Save the claim list as a PDF sign-in sheet (names masked) to print and take to the activity</translation>
    </message>
    <message>
        <source>勾选全部已认领的人；再点一次全部取消</source>
        <translation>Tick everyone who claimed; click again to untick all</translation>
    </message>
    <message>
        <source>取消认领</source>
        <translation>Cancel claim</translation>
    </message>
    <message>
        <source>项目开始前取消选中的认领，名额退回</source>
        <translation>Cancel the selected claim before the project starts; the slot is freed</translation>
    </message>
    <message>
        <source>登记缺席</source>
        <translation>Mark absent</translation>
    </message>
    <message>
        <source>项目开始后，认领了但没有来的人</source>
        <translation>After the start: someone who claimed but did not come</translation>
    </message>
    <message>
        <source>单独完成</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>只为选中的一位核验完成并发放积分</source>
        <translation>Verify the selected person only and credit the points</translation>
    </message>
    <message>
        <source>为勾选的人核验完成并发放积分 (Ctrl+Enter)</source>
        <translation>Verify everyone ticked and credit the points (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>在左侧选择一个项目</source>
        <translation>Choose a project on the left</translation>
    </message>
    <message>
        <source>选择项目后，可在这里为会员认领、打印签到表、核验到场并发放积分。</source>
        <translation>Then claim it for members here, print the sign-in sheet, verify who came and credit the points.</translation>
    </message>
    <message>
        <source>报名截止 %1</source>
        <translation>Sign-up until %1</translation>
    </message>
    <message>
        <source>积分：%1</source>
        <translation>Points: %1</translation>
    </message>
    <message>
        <source>报名已截止</source>
        <translation>Sign-up over</translation>
    </message>
    <message>
        <source>认领名单</source>
        <translation>Claims</translation>
    </message>
    <message>
        <source>认领名单 · 已认领 %1/%2 · 已完成 %3</source>
        <translation>Claims · %1/%2 claimed · %3 completed</translation>
    </message>
    <message>
        <source>还没有人认领。扫描会员卡或输入手机号/姓名，按 Enter 认领。</source>
        <translation>Nobody has claimed yet. Scan a member card or type a phone / name and press Enter to claim.</translation>
    </message>
    <message>
        <source>全部取消勾选</source>
        <translation>Untick all</translation>
    </message>
    <message>
        <source>全部勾选</source>
        <translation>Tick all</translation>
    </message>
    <message numerus="yes">
        <source>确认完成并发放积分（%n 人）</source>
        <translation>
            <numerusform>Confirm and credit points (%n person)</numerusform>
            <numerusform>Confirm and credit points (%n people)</numerusform>
        </translation>
    </message>
    <message>
        <source>确认完成并发放积分</source>
        <translation>Confirm and credit points</translation>
    </message>
    <message>
        <source>项目已结束，名单只供查看。</source>
        <translation>The project is finished; the list is for reading only.</translation>
    </message>
    <message>
        <source>项目 %1 开始；开始后勾选到场的人，核验完成并发放积分。</source>
        <translation>The project starts at %1; then tick who came to verify and credit the points.</translation>
    </message>
    <message>
        <source>没有待核验的认领。</source>
        <translation>No claims left to verify.</translation>
    </message>
    <message>
        <source>勾选到场的人，在“时长”栏填写实际小时数（空格键勾选，直接输入数字改时长）。</source>
        <translation>Tick who came and enter the hours worked under &quot;Hours&quot; (Space ticks, typing a number changes the hours).</translation>
    </message>
    <message>
        <source>勾选到场的人（空格键勾选），然后确认完成并发放积分。</source>
        <translation>Tick who came (Space ticks), then confirm and credit the points.</translation>
    </message>
    <message>
        <source>请扫描会员卡，或输入手机号、尾号 4 位或姓名后按 Enter。</source>
        <translation>Scan a member card, or type a phone number, its last 4 digits or a name and press Enter.</translation>
    </message>
    <message>
        <source>请继续输入：完整的 11 位手机号，或手机尾号 4 位。</source>
        <translation>Keep typing: a full 11-digit mobile number, or its last 4 digits.</translation>
    </message>
    <message>
        <source>没有找到。新访客请先在“签到”页登记，再到“积分”页加入红色积分。</source>
        <translation>Nobody found. Register a new visitor on the Check-in page first, then let them join Red Points on the Points page.</translation>
    </message>
    <message>
        <source>非会员</source>
        <translation>not a member</translation>
    </message>
    <message numerus="yes">
        <source>找到 %n 位，用 ↑ ↓ 选择，Enter 认领。</source>
        <translation>
            <numerusform>%n match; choose with ↑ ↓, Enter claims.</numerusform>
            <numerusform>%n matches; choose with ↑ ↓, Enter claims.</numerusform>
        </translation>
    </message>
    <message>
        <source>请到“积分”页查找此人，点“加入红色积分”后再认领。</source>
        <translation>Find this person on the Points page, click &quot;Join Red Points&quot;, then claim again.</translation>
    </message>
    <message>
        <source>已认领：%1（会员号 %2）</source>
        <translation>Claimed: %1 (member no. %2)</translation>
    </message>
    <message>
        <source>已取消 %1 的认领，名额已退回。</source>
        <translation>Claim of %1 cancelled; the slot is free again.</translation>
    </message>
    <message>
        <source>登记 %1 缺席？登记后不能再为这条认领发放积分。</source>
        <translation>Mark %1 absent? No points can be credited for this claim afterwards.</translation>
    </message>
    <message>
        <source>已登记 %1 缺席。</source>
        <translation>%1 marked absent.</translation>
    </message>
    <message>
        <source>已核验完成：%1 %2 积分，余额 %3。</source>
        <translation>Verified: %1 %2 points, balance %3.</translation>
    </message>
    <message>
        <source>%1 %2（余额 %3）</source>
        <translation>%1 %2 (balance %3)</translation>
    </message>
    <message numerus="yes">
        <source>已发放积分 %n 人：</source>
        <translation>
            <numerusform>Points credited to %n person: </numerusform>
            <numerusform>Points credited to %n people: </numerusform>
        </translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>未发放 %n 人（仍未勾选，原因见“说明”栏）：</source>
        <translation>
            <numerusform>Not credited to %n person (left unticked, reason under &quot;Note&quot;):</numerusform>
            <numerusform>Not credited to %n people (left unticked, reasons under &quot;Note&quot;):</numerusform>
        </translation>
    </message>
    <message>
        <source>{title} 签到表</source>
        <translation>{title}: sign-in sheet</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>名额</source>
        <translation>Slots</translation>
    </message>
    <message>
        <source>{slots} 人（已认领 {claimed} 人）</source>
        <translation>{slots} ({claimed} claimed)</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>请本人签名确认到场；未认领者在空白行登记后签名。</source>
        <translation>Sign in person to confirm you came; if you did not claim, write your name on an empty line and sign.</translation>
    </message>
    <message>
        <source>时长由工作人员核实后填写。</source>
        <translation> Hours are filled in by staff after checking.</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>会员号</source>
        <translation>Member no.</translation>
    </message>
    <message>
        <source>手机尾号</source>
        <translation>Phone (last 4)</translation>
    </message>
    <message>
        <source>签到（签名）</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>时长（小时）</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>负责人：__________        核验人：__________        核验日期：__________</source>
        <translation>Organiser: __________        Verified by: __________        Date: __________</translation>
    </message>
    <message>
        <source>打印时间：{time}</source>
        <translation>Printed: {time}</translation>
    </message>
    <message>
        <source>第 {page} 页，共 {pages} 页</source>
        <translation>Page {page} of {pages}</translation>
    </message>
    <message>
        <source>{day}（{weekday}）{start}–{end}</source>
        <translation>{day} ({weekday}) {start}–{end}</translation>
    </message>
    <message>
        <source>{day}（{weekday}）{start} 至 {end_day}（{end_weekday}）{end}</source>
        <translation>{day} ({weekday}) {start} to {end_day} ({end_weekday}) {end}</translation>
    </message>
    <message>
        <source>签到表-%1-%2.pdf</source>
        <translation>sign-in-sheet-%1-%2.pdf</translation>
    </message>
    <message>
        <source>保存签到表</source>
        <translation>Save the sign-in sheet</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>正在生成签到表…</source>
        <translation>Making the sign-in sheet…</translation>
    </message>
    <message>
        <source>签到表已保存：%1 &lt;a href=&quot;%2&quot;&gt;打开&lt;/a&gt;</source>
        <translation>Sign-in sheet saved: %1 &lt;a href=&quot;%2&quot;&gt;Open&lt;/a&gt;</translation>
    </message>
</context>
<context>
    <name>ClaimsModel</name>
    <message>
        <source>勾选到场的人（空格键勾选）</source>
        <translation>Tick who came (Space ticks)</translation>
    </message>
    <message>
        <source>实际服务时长，单位小时（可输入 0.5 的倍数）</source>
        <translation>Hours actually worked (in steps of 0.5)</translation>
    </message>
    <message>
        <source>到场</source>
        <translation>Came</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>会员号</source>
        <translation>Member no.</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>时长</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
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
        <source>另有 %1 位群众、%2 条到访记录、%3 个预约、%4 名积分会员、%5 个服务项目和 %6 条积分流水。</source>
        <translation>Also %1 people, %2 visits, %3 bookings, %4 points members, %5 service projects and %6 points entries.</translation>
    </message>
    <message>
        <source>兑换券：%1 个兑换项目，已发 %2 张兑换券，其中 %3 张已在商家核销。</source>
        <translation>Vouchers: %1 rewards, %2 vouchers issued, %3 of them redeemed at the merchants.</translation>
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
    <message>
        <source>--to %1 早于 --from %2，结束日期不能早于开始日期。</source>
        <translation>--to %1 is before --from %2: the end date cannot be before the start date.</translation>
    </message>
    <message>
        <source>只能导出为 .xlsx 或 .csv 文件，%1 不行。</source>
        <translation>Can only export to an .xlsx or .csv file, not %1.</translation>
    </message>
    <message>
        <source>%1 是文件夹，请给出文件名，例如 %2。</source>
        <translation>%1 is a folder; give a file name, e.g. %2.</translation>
    </message>
    <message>
        <source>文件夹 %1 不存在。</source>
        <translation>The folder %1 does not exist.</translation>
    </message>
    <message>
        <source>无法写入 %1：%2。</source>
        <translation>Cannot write %1: %2.</translation>
    </message>
    <message>
        <source>已导出 %1 条到访记录（%2 至 %3）到 %4</source>
        <translation>Exported %1 visit records (%2 to %3) to %4</translation>
    </message>
    <message>
        <source>一次最多导出 %1 天，%2 至 %3 共 %4 天，请分段导出。</source>
        <translation>At most %1 days can be exported at once; %2 to %3 is %4 days. Export it in parts.</translation>
    </message>
    <message>
        <source>只能导出为 .xlsx、.csv 或 .pdf 文件，%1 不行。</source>
        <translation>Exports can only be .xlsx, .csv or .pdf files, not %1.</translation>
    </message>
    <message>
        <source>已导出 %1 条预约（%2 至 %3）到 %4</source>
        <translation>Exported %1 booking(s) (%2 to %3) to %4</translation>
    </message>
    <message>
        <source>已导出 %1 条充电记录（%2 至 %3）到 %4</source>
        <translation>Exported %1 charging session(s) (%2 to %3) to %4</translation>
    </message>
    <message>
        <source>已导出 %1 条积分流水（%2 至 %3）到 %4</source>
        <translation>Exported %1 points entr(ies) (%2 to %3) to %4</translation>
    </message>
    <message>
        <source>已导出 %1 张兑换券（%2 至 %3）到 %4</source>
        <translation>Exported %1 voucher(s) (%2 to %3) to %4</translation>
    </message>
    <message>
        <source>%1 的日期 “%2” 不对，应为 YYYY-MM-DD，例如 2026-11-28。</source>
        <translation>The date “%2” for %1 is not valid; use YYYY-MM-DD, e.g. 2026-11-28.</translation>
    </message>
    <message>
        <source>--month 的月份 “%1” 不对，应为 YYYY-MM，例如 2026-11。</source>
        <translation>The --month value “%1” is not a month: use YYYY-MM, e.g. 2026-11.</translation>
    </message>
    <message>
        <source>月报只能生成为 .pdf 或 .xlsx 文件，%1 不行。</source>
        <translation>The monthly report can only be a .pdf or .xlsx file, not %1.</translation>
    </message>
    <message>
        <source>没有代码为 %1 的基地；本数据库的基地：%2。</source>
        <translation>There is no base with the code %1; the bases in this database: %2.</translation>
    </message>
    <message>
        <source>已生成 %1 %2 的工作月报：%3</source>
        <translation>Monthly report of %1 for %2 written: %3</translation>
    </message>
    <message>
        <source>将匿名化 %1 人的姓名和电话（最近一次到访早于 %2，且不是积分会员；保留期限 %3 天）。未作任何改动。</source>
        <translation>Would anonymize the names and phone numbers of %1 people (last visit before %2, not red points members; retention period %3 days). Nothing was changed.</translation>
    </message>
    <message>
        <source>已匿名化 %1 人的姓名和电话（最近一次到访早于 %2，且不是积分会员；保留期限 %3 天）。</source>
        <translation>Anonymized the names and phone numbers of %1 people (last visit before %2, not red points members; retention period %3 days).</translation>
    </message>
    <message>
        <source>--limit 应为正整数，%1 不行。</source>
        <translation>--limit must be a positive whole number, not %1.</translation>
    </message>
    <message>
        <source>没有符合条件的兑换券。</source>
        <translation>No vouchers match.</translation>
    </message>
    <message>
        <source>券码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>商家</source>
        <translation>Merchant</translation>
    </message>
    <message>
        <source>兑换内容</source>
        <translation>Reward</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>会员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>发券日期</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>核销或作废</source>
        <translation>Redeemed or voided</translation>
    </message>
    <message>
        <source>凭条只能写成 .pdf 文件，%1 不行。</source>
        <translation>A slip is written as a .pdf file, not %1.</translation>
    </message>
    <message>
        <source>已把兑换券 %1 的凭条（标为重印，%2）写入 %3</source>
        <translation>Wrote the slip of voucher %1 (marked as a reprint, %2) to %3</translation>
    </message>
    <message>
        <source>未核销：%1</source>
        <translation>Not redeemed: %1</translation>
    </message>
    <message>
        <source>已核销兑换券 %1：%2 %3，%4 积分，会员 %5。</source>
        <translation>Redeemed voucher %1: %2 %3, %4 points, member %5.</translation>
    </message>
    <message>
        <source>请给出券码（如 HY7K-3M9Q）或扫码得到的二维码文本。</source>
        <translation>Give the serial code (such as HY7K-3M9Q) or the scanned QR text.</translation>
    </message>
    <message>
        <source>没有编号或名称为 %1 的联盟商家。</source>
        <translation>No alliance merchant has the number or name %1.</translation>
    </message>
    <message>
        <source>兑换券 %1：%2 %3，%4 积分</source>
        <translation>Voucher %1: %2 %3, %4 points</translation>
    </message>
    <message>
        <source>，面值 ¥%1</source>
        <translation>, face value ¥%1</translation>
    </message>
    <message>
        <source>会员 %1，%2 发券，有效期至 %3，状态：%4。</source>
        <translation>Member %1, issued %2, valid until %3, status: %4.</translation>
    </message>
    <message>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <source>可以核销。</source>
        <translation>Can be redeemed.</translation>
    </message>
    <message>
        <source>已核销兑换券 %1。</source>
        <translation>Voucher %1 redeemed.</translation>
    </message>
    <message>
        <source>这张券已于 %1 在 %2 核销过（%3），不能再用。</source>
        <translation>This voucher was already redeemed on %1 at %2 (%3); it cannot be used again.</translation>
    </message>
    <message>
        <source>这张券已过期：有效期到 %1 为止。</source>
        <translation>This voucher has expired: it was valid until %1.</translation>
    </message>
    <message>
        <source>这张券已作废（%1），不能使用。</source>
        <translation>This voucher was voided (%1) and cannot be used.</translation>
    </message>
    <message>
        <source>这张券已作废，不能使用。</source>
        <translation>This voucher was voided and cannot be used.</translation>
    </message>
    <message>
        <source>这张券只能在 %1 使用，不能在 %2 核销。</source>
        <translation>This voucher is for %1 only; it cannot be redeemed at %2.</translation>
    </message>
    <message>
        <source>券码有误：有一位输错或两位颠倒了，请对照凭条重新输入。</source>
        <translation>Typo in the code: one character is wrong or two are swapped. Check the slip and type it again.</translation>
    </message>
    <message>
        <source>不是本基地的兑换券。</source>
        <translation>Not a voucher of this base.</translation>
    </message>
    <message>
        <source>这不是券码：券码为 8 位字母和数字，例如 HY7K-3M9Q（不用 0、O、1、I）。</source>
        <translation>This is not a serial code: a code has 8 letters and digits, such as HY7K-3M9Q (never 0, O, 1 or I).</translation>
    </message>
    <message>
        <source>这不是兑换券的二维码，可能扫到了别的码或没扫全，请重新扫描。</source>
        <translation>This is not a voucher QR code: another code was scanned, or only part of it. Scan again.</translation>
    </message>
    <message>
        <source>不是真券：二维码的签名不符，内容被改动过或是伪造的。</source>
        <translation>Not a genuine voucher: the signature of the QR code does not match; it was altered or forged.</translation>
    </message>
    <message>
        <source>不是本基地认识的券：签名密钥 %1 本机没有。如果是本基地的券，请先导入密钥：desk keys import 文件。</source>
        <translation>Not a voucher this station knows: it does not have the signing key %1. If the voucher is from this base, import the keys first: desk keys import FILE.</translation>
    </message>
    <message>
        <source>这张券由更新版本的前台签发，请先升级本程序。</source>
        <translation>This voucher was issued by a newer version of the desk program: upgrade this program first.</translation>
    </message>
    <message>
        <source>不是本基地的兑换券：没有这张券。</source>
        <translation>Not a voucher of this base: there is no such voucher.</translation>
    </message>
    <message>
        <source>这张券的状态是“%1”，只有未使用的券才能重印凭条。</source>
        <translation>This voucher is “%1”: only the slip of an unused voucher can be reprinted.</translation>
    </message>
    <message>
        <source>本机只有公钥，不能签发或重印兑换券。请在持有签名密钥的前台上操作，或先导入签名密钥：desk keys import 文件。</source>
        <translation>This station holds public keys only and cannot issue or reprint vouchers. Do it at a desk that holds the signing key, or import the signing key first: desk keys import FILE.</translation>
    </message>
    <message>
        <source>未使用</source>
        <translation>unused</translation>
    </message>
    <message>
        <source>已核销</source>
        <translation>redeemed</translation>
    </message>
    <message>
        <source>已作废</source>
        <translation>voided</translation>
    </message>
    <message>
        <source>已过期</source>
        <translation>expired</translation>
    </message>
    <message>
        <source>命令行</source>
        <translation>command line</translation>
    </message>
    <message>
        <source>本机还没有兑换券签名密钥。第一次发券时会自动生成；本基地已有密钥的，请从其他前台导出后导入：desk keys import 文件。</source>
        <translation>This station has no voucher signing key yet. One is made when the first voucher is issued; if the base already has a key, export it at another desk and import it here: desk keys import FILE.</translation>
    </message>
    <message>
        <source>密钥</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>私钥</source>
        <translation>Private key</translation>
    </message>
    <message>
        <source>签发新券</source>
        <translation>signs new vouchers</translation>
    </message>
    <message>
        <source>只验证已发的券</source>
        <translation>verifies issued vouchers only</translation>
    </message>
    <message>
        <source>有</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>无</source>
        <translation>no</translation>
    </message>
    <message>
        <source>密钥文件夹：%1</source>
        <translation>Key folder: %1</translation>
    </message>
    <message>
        <source>%1 已存在，未覆盖。请换一个文件名。</source>
        <translation>%1 already exists and was not overwritten. Choose another file name.</translation>
    </message>
    <message>
        <source>本机只有公钥，没有签名私钥可以导出。去掉 --private 可导出公钥。</source>
        <translation>This station holds public keys only: there is no signing key to export. Leave out --private to export the public keys.</translation>
    </message>
    <message>
        <source>口令至少要 %1 个字符（不能含控制字符），未导出。</source>
        <translation>The passphrase needs at least %1 characters (and no control characters); nothing was exported.</translation>
    </message>
    <message>
        <source>本机原来没有密钥，已生成签名密钥 %1。</source>
        <translation>This station had no key: the signing key %1 was made.</translation>
    </message>
    <message>
        <source>已把签名密钥（用口令加密）和公钥（共 %1 个密钥）导出到 %2。在本基地其他前台上运行 desk keys import 导入，导入时要输入这个口令。</source>
        <translation>Exported the signing key (sealed with the passphrase) and the public keys (%1 keys in all) to %2. Run desk keys import on the other desks of this base; it asks for this passphrase.</translation>
    </message>
    <message>
        <source>注意：这个文件含加密的签名私钥。口令请当面或电话另行告知，不要和文件放在一起；文件只用 U 盘等当面传递，导入后立即删除。</source>
        <translation>Note: this file holds the sealed signing key. Tell the passphrase in person or by phone, never together with the file; hand the file over in person (a USB stick) and delete it once imported.</translation>
    </message>
    <message>
        <source>已把公钥（共 %1 个）导出到 %2。商户核销机导入后能验券和核销，不能发券。</source>
        <translation>Exported the public keys (%1 in all) to %2. A merchant station that imports them can verify and redeem vouchers, not issue them.</translation>
    </message>
    <message>
        <source>找不到文件 %1。</source>
        <translation>File %1 not found.</translation>
    </message>
    <message>
        <source>无法读取 %1：%2。</source>
        <translation>Cannot read %1: %2.</translation>
    </message>
    <message>
        <source>口令不对（或文件被改动过），未导入任何密钥。请向导出文件的同事核对口令。</source>
        <translation>Wrong passphrase (or the file was altered); no key was imported. Check the passphrase with the colleague who exported the file.</translation>
    </message>
    <message>
        <source>%1 不是有效的兑换券密钥文件（可能不完整或被改动过），未导入任何密钥。</source>
        <translation>%1 is not a valid voucher key file (it may be incomplete or altered); no key was imported.</translation>
    </message>
    <message>
        <source>文件中的密钥 %1 与本机同名密钥的内容不同，未导入任何密钥。请核对文件来源。</source>
        <translation>Key %1 in the file differs from the key of the same name at this station; no key was imported. Check where the file came from.</translation>
    </message>
    <message>
        <source>已导入新密钥（%1 个）：%2。</source>
        <translation>Imported new keys (%1): %2.</translation>
    </message>
    <message>
        <source>文件中的密钥本机都已有，未作改动。</source>
        <translation>This station already has every key in the file; nothing was changed.</translation>
    </message>
    <message>
        <source>本机今后用签名密钥 %1 签发兑换券。</source>
        <translation>From now on this station signs vouchers with the key %1.</translation>
    </message>
    <message>
        <source>本机只有公钥：可以验券和核销，不能发券。</source>
        <translation>This station holds public keys only: it can verify and redeem vouchers, not issue them.</translation>
    </message>
    <message>
        <source>本机只有公钥，不能生成签名密钥。请在本基地持有签名密钥的前台上操作。</source>
        <translation>This station holds public keys only and cannot make a signing key. Do it at a desk of this base that holds the signing key.</translation>
    </message>
    <message>
        <source>已生成新的签名密钥 %1，今后发的券用它签名。</source>
        <translation>Made the new signing key %1: vouchers issued from now on are signed with it.</translation>
    </message>
    <message>
        <source>旧密钥 %1 只留公钥：已发出的券在有效期内照常可用。</source>
        <translation>Only the public half of the old key %1 is kept: vouchers already issued stay valid until they expire.</translation>
    </message>
    <message>
        <source>请把新密钥分发出去：本基地其他前台导入 desk keys export 文件 --private 导出的文件；商户核销机导入 desk keys export 文件 导出的公钥。</source>
        <translation>Hand the new key on: the other desks of this base import a file made with desk keys export FILE --private; merchant stations import the public keys made with desk keys export FILE.</translation>
    </message>
    <message>
        <source>签名密钥用口令加密，需要输入口令：请在终端中运行，或加 --passphrase-stdin，从标准输入提供一行口令。</source>
        <translation>The signing key is sealed with a passphrase: run this in a terminal, or add --passphrase-stdin and give the passphrase as one line of standard input.</translation>
    </message>
    <message>
        <source>密钥文件的口令：</source>
        <translation>Passphrase of the key file:</translation>
    </message>
    <message>
        <source>为密钥文件设一个口令（至少 %1 个字符）：</source>
        <translation>Choose a passphrase for the key file (at least %1 characters):</translation>
    </message>
    <message>
        <source>再次输入口令：</source>
        <translation>Enter the passphrase again:</translation>
    </message>
    <message>
        <source>两次输入的口令不一致，未导出。</source>
        <translation>The two passphrases differ; nothing was exported.</translation>
    </message>
    <message>
        <source>无法读写密钥文件夹 %1：%2。</source>
        <translation>Cannot read or write the key folder %1: %2.</translation>
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
    <name>DayBoardView</name>
    <message>
        <source>暂停使用：%1</source>
        <translation>Out of service: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n 人</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
    <message>
        <source>备注：%1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <source>取消原因：%1</source>
        <translation>Reason for canceling: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n 人</source>
        <translation>
            <numerusform>%1 · %n person</numerusform>
            <numerusform>%1 · %n people</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportPanel</name>
    <message>
        <source>所选期间的报表：封面、概况、图表和各表，A4 PDF</source>
        <translation>The report of the chosen period: cover, overview, charts and tables, as an A4 PDF</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>所选期间的报表，每个表一个工作表</source>
        <translation>The report of the chosen period, one worksheet per table</translation>
    </message>
    <message>
        <source>台账</source>
        <translation>Registers</translation>
    </message>
    <message>
        <source>多日的到访台账保存为 Excel 或 CSV；按“日”统计时也可保存为 PDF。</source>
        <translation>A visit register of several days is saved as Excel or CSV; for a single day it can also be a PDF.</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>保存报表 PDF</source>
        <translation>Save the report as PDF</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>保存报表 Excel</source>
        <translation>Save the report as Excel</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>保存%1</source>
        <translation>Save %1</translation>
    </message>
    <message>
        <source>台账只能导出本基地的记录；请在“基地”中选择本基地。</source>
        <translation>Registers cover this base&apos;s records only: choose this base under “Base”.</translation>
    </message>
    <message>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message numerus="yes">
        <source>已导出 %n 条记录：</source>
        <translation>
            <numerusform>Exported %n record:</numerusform>
            <numerusform>Exported %n records:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FacilitiesSection</name>
    <message>
        <source>设施</source>
        <translation>Facilities</translation>
    </message>
    <message>
        <source>新设施名称，例如：调解室</source>
        <translation>Name, e.g. Mediation room</translation>
    </message>
    <message>
        <source>新增设施</source>
        <translation>Add facility</translation>
    </message>
    <message>
        <source>预约规则</source>
        <translation>Booking rules</translation>
    </message>
    <message>
        <source>单元</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>开放时间</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>未到与暂停</source>
        <translation>No-shows</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>时段步长</source>
        <translation>Time slot</translation>
    </message>
    <message>
        <source>最短时长</source>
        <translation>Shortest booking</translation>
    </message>
    <message>
        <source>最长时长</source>
        <translation>Longest booking</translation>
    </message>
    <message>
        <source>前后间隔</source>
        <translation>Gap between bookings</translation>
    </message>
    <message>
        <source>可提前预约</source>
        <translation>Book ahead up to</translation>
    </message>
    <message>
        <source>签到宽限</source>
        <translation>Check-in grace</translation>
    </message>
    <message>
        <source>每人每日时长</source>
        <translation>Daily time per person</translation>
    </message>
    <message>
        <source>每人每日次数</source>
        <translation>Daily bookings per person</translation>
    </message>
    <message>
        <source>改名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> day(s)</translation>
    </message>
    <message>
        <source> 次</source>
        <translation> time(s)</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source>0 表示只能预约当天</source>
        <translation>0 means same-day bookings only</translation>
    </message>
    <message>
        <source>开始后这么久仍未签到，预约记为未到，位置释放给别人</source>
        <translation>If nobody has checked in this long after the start, the booking counts as a no-show and the unit is released to others</translation>
    </message>
    <message>
        <source>保存规则</source>
        <translation>Save rules</translation>
    </message>
    <message>
        <source>开放预约</source>
        <translation>Open for booking</translation>
    </message>
    <message>
        <source>须登记姓名</source>
        <translation>Name required</translation>
    </message>
    <message>
        <source>不勾选则可匿名预约，例如母婴室</source>
        <translation>Untick to allow anonymous bookings, e.g. for the nursing room</translation>
    </message>
    <message>
        <source>团体预约</source>
        <translation>Group bookings</translation>
    </message>
    <message>
        <source>一次预约多人，例如党员活动室、红色影院</source>
        <translation>Several people in one booking, e.g. the activity room or the cinema</translation>
    </message>
    <message>
        <source>停用原因</source>
        <translation>Reason for disabling</translation>
    </message>
    <message>
        <source>停用原因，例如：设备检修；工作人员在预约时看到</source>
        <translation>Why booking is disabled, e.g. equipment maintenance; staff see it when booking</translation>
    </message>
    <message>
        <source>单元名称</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <source>容纳人数</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source> 人</source>
        <translation> person(s)</translation>
    </message>
    <message>
        <source>新增单元</source>
        <translation>Add unit</translation>
    </message>
    <message>
        <source>保存所选单元</source>
        <translation>Save selected unit</translation>
    </message>
    <message>
        <source>跟随基地的开放时间</source>
        <translation>Follow the base&apos;s opening hours</translation>
    </message>
    <message>
        <source>单独设置本设施的开放时间</source>
        <translation>Set separate opening hours for this facility</translation>
    </message>
    <message>
        <source>保存开放时间</source>
        <translation>Save opening hours</translation>
    </message>
    <message>
        <source>预约后超过签到宽限仍未签到，记为未到。30 天内未到达到次数的人，暂停预约资格若干天，到期自动恢复。此规则适用于所有设施。</source>
        <translation>A booking not checked in within the check-in grace period counts as a no-show. Anyone with this many no-shows within 30 days is suspended from booking for the days set below, then can book again automatically. This rule applies to all facilities.</translation>
    </message>
    <message>
        <source>30 天内未到</source>
        <translation>No-shows in 30 days</translation>
    </message>
    <message>
        <source>暂停预约</source>
        <translation>Suspend booking for</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>正在暂停预约的人</source>
        <translation>People suspended from booking</translation>
    </message>
    <message>
        <source>解除暂停…</source>
        <translation>Lift suspension…</translation>
    </message>
    <message>
        <source>停用预约</source>
        <translation>Disable booking</translation>
    </message>
    <message>
        <source>正在开放预约。</source>
        <translation>Open for booking.</translation>
    </message>
    <message>
        <source>已停用：%1。新的预约会被拒绝。</source>
        <translation>Disabled: %1. New bookings are refused.</translation>
    </message>
    <message>
        <source>恢复预约</source>
        <translation>Enable booking</translation>
    </message>
    <message>
        <source>启用所选</source>
        <translation>Enable selected</translation>
    </message>
    <message>
        <source>停用所选</source>
        <translation>Disable selected</translation>
    </message>
    <message>
        <source>已新增“%1”，请设置它的预约规则和单元。</source>
        <translation>Added “%1”. Now set its booking rules and units.</translation>
    </message>
    <message>
        <source>名称已保存。</source>
        <translation>Name saved.</translation>
    </message>
    <message>
        <source>规则已保存，对此后的新预约生效。</source>
        <translation>Rules saved. They apply to new bookings from now on.</translation>
    </message>
    <message>
        <source>停用“%1”？停用后不能再预约，已有的预约保留。</source>
        <translation>Disable booking for “%1”? No new bookings can then be made; existing bookings are kept.</translation>
    </message>
    <message>
        <source>已恢复预约。</source>
        <translation>Booking enabled again.</translation>
    </message>
    <message numerus="yes">
        <source>已停用。还有 %n 个未结束的预约，请通知预约人或在预约页取消。</source>
        <translation>
            <numerusform>Disabled. %n booking is still open: tell the person who booked, or cancel it on the Bookings page.</numerusform>
            <numerusform>Disabled. %n bookings are still open: tell the people who booked, or cancel them on the Bookings page.</numerusform>
        </translation>
    </message>
    <message>
        <source>已停用。</source>
        <translation>Disabled.</translation>
    </message>
    <message>
        <source>已新增单元 %1。</source>
        <translation>Added unit %1.</translation>
    </message>
    <message>
        <source>单元已保存。</source>
        <translation>Unit saved.</translation>
    </message>
    <message>
        <source>停用单元 %1？停用后它不再出现在预约看板上。</source>
        <translation>Disable unit %1? It will no longer appear on the booking board.</translation>
    </message>
    <message>
        <source>停用单元</source>
        <translation>Disable unit</translation>
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
        <source>开放时间已保存。</source>
        <translation>Opening hours saved.</translation>
    </message>
    <message>
        <source>已保存：30 天内未到 %1 次，暂停预约 %2 天。</source>
        <translation>Saved: %1 no-shows within 30 days suspend booking for %2 days.</translation>
    </message>
    <message>
        <source>现在解除 %1 的预约暂停？此前的未到记录不再计入下次暂停。</source>
        <translation>Lift the booking suspension of %1 now? Their earlier no-shows will no longer count toward a suspension.</translation>
    </message>
    <message>
        <source>解除暂停</source>
        <translation>Lift suspension</translation>
    </message>
    <message>
        <source>已解除 %1 的预约暂停。</source>
        <translation>Lifted the booking suspension of %1.</translation>
    </message>
</context>
<context>
    <name>FacilityModel</name>
    <message>
        <source>设施</source>
        <translation>Facility</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>单元</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>开放预约</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>停用：%1</source>
        <translation>Disabled: %1</translation>
    </message>
</context>
<context>
    <name>HolidayModel</name>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>节日</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <source>本基地当天</source>
        <translation>This base</translation>
    </message>
    <message>
        <source>法定节假日</source>
        <translation>Day off</translation>
    </message>
    <message>
        <source>调休上班</source>
        <translation>Workday</translation>
    </message>
    <message>
        <source>%1（特别安排）</source>
        <translation>%1 (special hours)</translation>
    </message>
    <message>
        <source>%1（闭馆日：%2）</source>
        <translation>%1 (closure: %2)</translation>
    </message>
    <message>
        <source>%1（按星期一）</source>
        <translation>%1 (Monday hours)</translation>
    </message>
</context>
<context>
    <name>HolidaysSection</name>
    <message>
        <source>闭馆</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>开放 %1–%2</source>
        <translation>Open %1–%2</translation>
    </message>
    <message>
        <source>法定节假日与调休</source>
        <translation>Public holidays and make-up workdays</translation>
    </message>
    <message>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>特别安排</source>
        <translation>Special hours</translation>
    </message>
    <message>
        <source>设置某一天</source>
        <translation>Set a day</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>开放时间</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>开放</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>不勾选表示当天闭馆</source>
        <translation>Untick to close for the whole day</translation>
    </message>
    <message>
        <source>例如：国庆特别开放</source>
        <translation>e.g. National Day</translation>
    </message>
    <message>
        <source>保存这一天</source>
        <translation>Save this day</translation>
    </message>
    <message>
        <source>删除所选…</source>
        <translation>Delete selected…</translation>
    </message>
    <message>
        <source>节假日日历（chinese-calendar）还没有 %1 年的放假安排，这一年按每周开放时间开放。国务院公布放假安排后请升级程序；在此之前可在右侧逐日设置特别安排。</source>
        <translation>The holiday calendar (chinese-calendar) has no holiday schedule for %1 yet, so the weekly opening hours apply all year. Upgrade the program once the State Council publishes the schedule; until then, set special hours day by day on the right.</translation>
    </message>
    <message>
        <source>%1特别开放</source>
        <translation>%1 special opening</translation>
    </message>
    <message>
        <source>已保存 %1：%2。</source>
        <translation>Saved %1: %2.</translation>
    </message>
    <message>
        <source>删除 %1 的特别安排？删除后这一天按每周开放时间、闭馆日和法定节假日安排。</source>
        <translation>Delete the special hours for %1? The day then follows the weekly opening hours, closures and public holidays.</translation>
    </message>
    <message>
        <source>删除特别安排</source>
        <translation>Delete special hours</translation>
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
        <translation>e.g. wiring repairs</translation>
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
    <name>LedgerModel</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>变动后余额</source>
        <translation>Balance after</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>冲正</source>
        <translation>Reversal</translation>
    </message>
    <message>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <source>已冲正</source>
        <translation>Reversed</translation>
    </message>
    <message>
        <source>冲正一笔流水</source>
        <translation>Reverses an entry</translation>
    </message>
    <message>
        <source>冲正 %1 的%2</source>
        <translation>Reverses %1 (%2)</translation>
    </message>
    <message>
        <source>已于 %1 冲正，原因：%2</source>
        <translation>Reversed on %1, reason: %2</translation>
    </message>
    <message>
        <source>原流水：%1 %2，原因：%3</source>
        <translation>Original entry: %1 %2, reason: %3</translation>
    </message>
    <message>
        <source>这笔积分 %1 到期</source>
        <translation>These points expire on %1</translation>
    </message>
</context>
<context>
    <name>LineList</name>
    <message numerus="yes">
        <source>…还有 %n 条</source>
        <translation>
            <numerusform>…%n more</numerusform>
            <numerusform>…%n more</numerusform>
        </translation>
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
    <name>MatchesModel</name>
    <message>
        <source>在场</source>
        <translation>On site</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>MemberClaimsModel</name>
    <message>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
</context>
<context>
    <name>MemberClaimsView</name>
    <message>
        <source>还没有认领过项目。可在“项目”页扫描会员卡认领。</source>
        <translation>No projects claimed yet. Scan the member card on the Projects page to claim one.</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <source>会员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>在上面输入手机号、手机尾号 4 位或姓名后按 Enter，或扫描会员卡，这里显示会员信息和积分余额。</source>
        <translation>Type a phone number, its last 4 digits or a name above and press Enter, or scan a member card: the member and their points balance appear here.</translation>
    </message>
    <message>
        <source>积分余额</source>
        <translation>Points balance</translation>
    </message>
    <message>
        <source>加入红色积分(&amp;J)</source>
        <translation>&amp;Join Red Points</translation>
    </message>
    <message>
        <source>还不是红色积分会员</source>
        <translation>Not a Red Points member yet</translation>
    </message>
    <message>
        <source>加入后获得会员号，可以累计积分，到联盟商家兑换</source>
        <translation>Members get a member number, earn points and exchange them at alliance merchants</translation>
    </message>
    <message>
        <source>兑换(&amp;E)…</source>
        <translation>&amp;Exchange…</translation>
    </message>
    <message>
        <source>用积分兑换联盟商家的兑换项目，打印兑换券 (Ctrl+E)</source>
        <translation>Exchange points for an alliance merchant&apos;s reward and print the voucher (Ctrl+E)</translation>
    </message>
    <message>
        <source>打印会员卡(&amp;P)…</source>
        <translation>&amp;Print member card…</translation>
    </message>
    <message>
        <source>保存 80 mm 会员卡 PDF（姓名打码，会员号和二维码），用小票打印机打印</source>
        <translation>Save the 80 mm member card as a PDF (name masked, member number and QR code) for the receipt printer</translation>
    </message>
    <message>
        <source>调整积分(&amp;A)…</source>
        <translation>&amp;Adjust points…</translation>
    </message>
    <message>
        <source>管理员手动增加或扣减积分，须填写原因</source>
        <translation>An administrator adds or deducts points by hand, with a reason</translation>
    </message>
    <message>
        <source>冲正(&amp;R)…</source>
        <translation>&amp;Reverse…</translation>
    </message>
    <message>
        <source>撤销下面选中的一笔流水：记一笔相反的流水，原流水保留</source>
        <translation>Undo the entry selected below: an opposite entry is written, the original stays</translation>
    </message>
    <message>
        <source>（未留姓名）</source>
        <translation>(no name given)</translation>
    </message>
    <message>
        <source>会员号 %1 · %2 加入</source>
        <translation>Member no. %1 · joined %2</translation>
    </message>
</context>
<context>
    <name>MemberVouchersView</name>
    <message>
        <source>还没有兑换券。</source>
        <translation>No vouchers yet.</translation>
    </message>
    <message>
        <source>重印(&amp;T)…</source>
        <translation>Reprin&amp;t…</translation>
    </message>
    <message>
        <source>再打印一张选中的兑换券，券上标“重印”，并记入操作日志；原券仍然有效</source>
        <translation>Print the selected voucher again, marked &quot;reprint&quot; and recorded in the audit log; the first slip stays valid</translation>
    </message>
    <message>
        <source>作废(&amp;V)…</source>
        <translation>&amp;Void…</translation>
    </message>
    <message>
        <source>作废选中的未使用兑换券：积分退回，库存恢复，须填写原因</source>
        <translation>Void the selected unused voucher: the points are refunded and the stock restored; a reason is required</translation>
    </message>
    <message>
        <source>请先在列表中选择一张兑换券。</source>
        <translation>Choose a voucher in the list first.</translation>
    </message>
    <message>
        <source>兑换券 %1 已作废，%2 积分已退回。</source>
        <translation>Voucher %1 is void; %2 points were refunded.</translation>
    </message>
</context>
<context>
    <name>MerchantModel</name>
    <message>
        <source>商家</source>
        <translation>Merchant</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>兑换项目</source>
        <translation>Rewards</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Inactive</translation>
    </message>
    <message numerus="yes">
        <source>可兑换的项目数（共 %n 个）</source>
        <translation>
            <numerusform>Rewards on offer (%n reward in all)</numerusform>
            <numerusform>Rewards on offer (%n rewards in all)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>仍有 %n 个商户收银员账户绑定此商家</source>
        <translation>
            <numerusform>%n merchant cashier account is still bound to this merchant</numerusform>
            <numerusform>%n merchant cashier accounts are still bound to this merchant</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MerchantsSection</name>
    <message>
        <source>联盟商家</source>
        <translation>Alliance merchants</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>牌匾编号</source>
        <translation>Plaque no.</translation>
    </message>
    <message>
        <source>入盟日期</source>
        <translation>Joined on</translation>
    </message>
    <message>
        <source>例如：超市、餐饮、理发</source>
        <translation>e.g. supermarket, food, barber</translation>
    </message>
    <message>
        <source>手机或 0755-12345678</source>
        <translation>Mobile or 0755-12345678</translation>
    </message>
    <message>
        <source>不详</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>新增商家</source>
        <translation>New merchant</translation>
    </message>
    <message>
        <source>清空表单，填写后按“保存”新增一个商家</source>
        <translation>Empties the form: fill it in and press Save to add a merchant</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>使用说明</source>
        <translation>Terms</translation>
    </message>
    <message>
        <source>所需积分</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>面值（元）</source>
        <translation>Face value (¥)</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>每人每月</source>
        <translation>Per member</translation>
    </message>
    <message>
        <source>有效期</source>
        <translation>Valid for</translation>
    </message>
    <message>
        <source>例如：满50减10</source>
        <translation>e.g. ¥10 off ¥50</translation>
    </message>
    <message>
        <source>印在兑换券上，例如：限中杯，不与其他优惠同享</source>
        <translation>Printed on the slip, e.g. medium cup only</translation>
    </message>
    <message>
        <source>无面值留空</source>
        <translation>Empty: no cash value</translation>
    </message>
    <message>
        <source>结算时按面值与商家对账；没有现金价值的项目留空</source>
        <translation>Settlements with the merchant use the face value; leave it empty for a reward without cash value</translation>
    </message>
    <message>
        <source> 积分</source>
        <translation> points</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Unlimited</translation>
    </message>
    <message>
        <source>还能开出多少张；开出一张减一，作废一张加回</source>
        <translation>How many can still be issued: one less per voucher issued, one more per voucher voided</translation>
    </message>
    <message>
        <source> 张</source>
        <comment>vouchers per member per month</comment>
        <translation> per month</translation>
    </message>
    <message>
        <source>已新增“%1”。按“新增兑换项目”为它添加兑换项目。</source>
        <translation>Added “%1”. Press New reward to add its rewards.</translation>
    </message>
    <message>
        <source>每位会员每个自然月最多兑换几张</source>
        <translation>How many one member may get in a calendar month</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>从开出当天算起</source>
        <translation>Counted from the day of issue</translation>
    </message>
    <message>
        <source>新增兑换项目</source>
        <translation>New reward</translation>
    </message>
    <message>
        <source>清空表单，填写后按“保存”新增一个兑换项目</source>
        <translation>Empties the form: fill it in and press Save to add a reward</translation>
    </message>
    <message>
        <source>补货</source>
        <translation>Restock</translation>
    </message>
    <message>
        <source> 张</source>
        <comment>vouchers added to the stock</comment>
        <translation> more</translation>
    </message>
    <message>
        <source>加入库存</source>
        <translation>Add to stock</translation>
    </message>
    <message>
        <source>新商家</source>
        <translation>New merchant</translation>
    </message>
    <message>
        <source>兑换项目</source>
        <translation>Rewards</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>%1 的兑换项目</source>
        <translation>Rewards of %1</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Activate</translation>
    </message>
    <message numerus="yes">
        <source>已停用：不能再开出它的兑换券。仍有 %n 个商户收银员账户绑定此商家，可在“工作人员”中停用。</source>
        <translation>
            <numerusform>Inactive: no more vouchers are issued for it. %n merchant cashier account is still bound to it; disable it under Staff.</numerusform>
            <numerusform>Inactive: no more vouchers are issued for it. %n merchant cashier accounts are still bound to it; disable them under Staff.</numerusform>
        </translation>
    </message>
    <message>
        <source>已停用：不能再开出它的兑换券。</source>
        <translation>Inactive: no more vouchers are issued for it.</translation>
    </message>
    <message>
        <source>新兑换项目</source>
        <translation>New reward</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>停用“%1”？停用后不能再开出它的兑换券；它的兑换项目和商户收银员账户都保留，可随时重新启用。</source>
        <translation>Deactivate “%1”? No more vouchers are issued for it; its rewards and merchant cashier accounts are kept, and it can be activated again at any time.</translation>
    </message>
    <message>
        <source>停用商家</source>
        <translation>Deactivate merchant</translation>
    </message>
    <message>
        <source>已启用“%1”。</source>
        <translation>Activated “%1”.</translation>
    </message>
    <message>
        <source>已停用“%1”。</source>
        <translation>Deactivated “%1”.</translation>
    </message>
    <message>
        <source>已新增“%1”。</source>
        <translation>Added “%1”.</translation>
    </message>
    <message>
        <source>停用“%1”？停用后不能再兑换，已开出的兑换券不受影响。</source>
        <translation>Deactivate “%1”? It can no longer be exchanged; vouchers already issued are not affected.</translation>
    </message>
    <message>
        <source>停用兑换项目</source>
        <translation>Deactivate reward</translation>
    </message>
    <message>
        <source>已补货 %1 张，现有库存 %2 张。</source>
        <translation>Added %1 to the stock; %2 left now.</translation>
    </message>
</context>
<context>
    <name>NewPersonForm</name>
    <message>
        <source>新访客 · %1 — 请向访客核对号码</source>
        <translation>New visitor · %1 — read the number back to the visitor</translation>
    </message>
    <message>
        <source>姓名(&amp;M)</source>
        <translation>Na&amp;me</translation>
    </message>
    <message>
        <source>必填，按 Enter 登记并签到</source>
        <translation>Required; Enter registers and checks in</translation>
    </message>
    <message>
        <source>类别(&amp;C)</source>
        <translation>&amp;Category</translation>
    </message>
    <message>
        <source>党支部(&amp;B)</source>
        <translation>Party &amp;branch</translation>
    </message>
    <message>
        <source>选填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>登记并签到 (Enter)</source>
        <translation>Register and check in (Enter)</translation>
    </message>
    <message>
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>NursingPanel</name>
    <message>
        <source>母婴室</source>
        <translation>Nursing room</translation>
    </message>
    <message>
        <source>开始使用</source>
        <translation>Start using</translation>
    </message>
    <message>
        <source>不需要登记姓名</source>
        <translation>No name needed</translation>
    </message>
    <message>
        <source>结束使用</source>
        <translation>End use</translation>
    </message>
    <message>
        <source>备注（可不填）</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <source>清洁消毒登记</source>
        <translation>Log cleaning</translation>
    </message>
    <message>
        <source>使用中</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>%1 起（预计 %2 结束）</source>
        <translation>Since %1 (until about %2)</translation>
    </message>
    <message>
        <source>已超时 %1</source>
        <translation>Overdue by %1</translation>
    </message>
    <message>
        <source>暂停使用</source>
        <translation>Out of service</translation>
    </message>
    <message>
        <source>空闲</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>每次最长 %1</source>
        <translation>Up to %1 per use</translation>
    </message>
    <message>
        <source>%1 有预约</source>
        <translation>Booked at %1</translation>
    </message>
    <message>
        <source>还没有清洁消毒登记</source>
        <translation>No cleaning logged yet</translation>
    </message>
    <message>
        <source>上次清洁消毒：%1</source>
        <translation>Last cleaned: %1</translation>
    </message>
    <message>
        <source>命令行</source>
        <translation>Command line</translation>
    </message>
    <message>
        <source>%1 在 %2–%3 已有人使用或预约，请稍后再试。</source>
        <translation>%1 is in use or booked %2–%3. Please try again later.</translation>
    </message>
    <message>
        <source>母婴室开始使用，预计 %1 结束。</source>
        <translation>Nursing room in use until about %1.</translation>
    </message>
    <message>
        <source>母婴室已结束使用。</source>
        <translation>Nursing room is free again.</translation>
    </message>
    <message>
        <source>已登记母婴室清洁消毒（%1）。</source>
        <translation>Nursing room cleaning logged (%1).</translation>
    </message>
</context>
<context>
    <name>OffersModel</name>
    <message>
        <source>商家</source>
        <translation>Merchant</translation>
    </message>
    <message>
        <source>兑换内容</source>
        <translation>Reward</translation>
    </message>
    <message>
        <source>所需积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>本月已兑 / 限额</source>
        <translation>This month / limit</translation>
    </message>
    <message>
        <source>能否兑换</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>unlimited</translation>
    </message>
    <message>
        <source>本月已达上限</source>
        <translation>Monthly limit reached</translation>
    </message>
    <message>
        <source>已兑完</source>
        <translation>Out of stock</translation>
    </message>
    <message>
        <source>积分不足，还差 %1</source>
        <translation>Not enough points, %1 short</translation>
    </message>
    <message>
        <source>可兑换</source>
        <translation>Yes</translation>
    </message>
</context>
<context>
    <name>OnSiteModel</name>
    <message numerus="yes">
        <source>%n 分钟</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 小时 %2 分</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>姓名 / 类别</source>
        <translation>Name / category</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>到达</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>已停留</source>
        <translation>Stayed</translation>
    </message>
</context>
<context>
    <name>OnSitePanel</name>
    <message>
        <source>签退选中 (Del)</source>
        <translation>Check out selected (Del)</translation>
    </message>
    <message>
        <source>在名单中选中一位或多位（Ctrl / Shift + 单击），按 Delete 键也可签退</source>
        <translation>Select one or more in the list (Ctrl / Shift + click); the Delete key also checks out</translation>
    </message>
    <message>
        <source>全部签退…</source>
        <translation>Check out all…</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新读取在场名单，包括其他前台的登记 (Ctrl+R)</source>
        <translation>Read the on-site list again, including other front desks&apos; check-ins (Ctrl+R)</translation>
    </message>
    <message>
        <source>打印疏散点名表…</source>
        <translation>Print evacuation roll call…</translation>
    </message>
    <message>
        <source>把当前在场的人保存为 PDF，打印后带到集合点逐一打勾</source>
        <translation>Save everyone on site now as a PDF; print it and tick people off at the assembly point</translation>
    </message>
    <message numerus="yes">
        <source>在场 %n 人</source>
        <translation>
            <numerusform>On site: %n person</numerusform>
            <numerusform>On site: %n people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>（%n 条登记）</source>
        <translation>
            <numerusform> (%n entry)</numerusform>
            <numerusform> (%n entries)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>把在场的 %n 条登记全部签退？通常只在闭馆或清场时使用。</source>
        <translation>
            <numerusform>Check out the %n entry on site? This is usually done only at closing time or when clearing the building.</numerusform>
            <numerusform>Check out all %n entries on site? This is usually done only at closing time or when clearing the building.</numerusform>
        </translation>
    </message>
    <message>
        <source>全部签退</source>
        <translation>Check out all</translation>
    </message>
    <message>
        <source>疏散点名表</source>
        <translation>Evacuation roll call</translation>
    </message>
    <message>
        <source>打印时间：{time}</source>
        <translation>Printed: {time} ·</translation>
    </message>
    <message>
        <source>在场合计 {people} 人（{visits} 条登记）</source>
        <translation>On site: {people} people ({visits} entries)</translation>
    </message>
    <message>
        <source>到达集合点后逐一点名，在“到场确认”栏打勾；未到者立即报告现场负责人。</source>
        <translation>At the assembly point, call each name and tick the “Present” column; report anyone missing to the person in charge at once.</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>姓名或类别</source>
        <translation>Name or category</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>到达时间</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>到场确认</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>打印时无人在场。</source>
        <translation>Nobody was on site when this was printed.</translation>
    </message>
    <message>
        <source>点名人：__________        核对时间：__________</source>
        <translation>Called by: __________        Checked at: __________</translation>
    </message>
    <message>
        <source>第 {page} 页</source>
        <translation>Page {page}</translation>
    </message>
    <message>
        <source>疏散点名表-%1.pdf</source>
        <translation>evacuation-roll-call-%1.pdf</translation>
    </message>
    <message>
        <source>保存疏散点名表</source>
        <translation>Save evacuation roll call</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>正在生成疏散点名表…</source>
        <translation>Creating the evacuation roll call…</translation>
    </message>
    <message>
        <source>无法保存到 %1（%2）。请换一个文件夹再试。</source>
        <translation>Cannot save to %1 (%2). Please try another folder.</translation>
    </message>
    <message>
        <source>疏散点名表已保存：%1 &lt;a href=&quot;%2&quot;&gt;打开&lt;/a&gt;</source>
        <translation>Evacuation roll call saved: %1 &lt;a href=&quot;%2&quot;&gt;Open&lt;/a&gt;</translation>
    </message>
</context>
<context>
    <name>OverrideModel</name>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>安排</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>原本</source>
        <translation>Otherwise</translation>
    </message>
    <message>
        <source>法定节假日</source>
        <translation>Public holiday</translation>
    </message>
    <message>
        <source>调休上班</source>
        <translation>Make-up workday</translation>
    </message>
    <message>
        <source>闭馆日</source>
        <translation>Closure</translation>
    </message>
    <message>
        <source>按每周开放时间</source>
        <translation>Weekly opening hours</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>预约</source>
        <translation>Bookings</translation>
    </message>
    <message>
        <source>充电与母婴室</source>
        <translation>Charging &amp; nursing</translation>
    </message>
    <message>
        <source>签到</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <source>到访记录</source>
        <translation>Visit log</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>核销</source>
        <translation>Redeem</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>今日</source>
        <translation>Today</translation>
    </message>
</context>
<context>
    <name>PeriodBar</name>
    <message>
        <source>第 %1 季度</source>
        <translation>Q%1</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>上一期</source>
        <translation>Previous period</translation>
    </message>
    <message>
        <source>下一期</source>
        <translation>Next period</translation>
    </message>
    <message>
        <source>选择日期；按周统计时为这一天所在的周（周一至周日）</source>
        <translation>Choose a date; by week, the week (Monday to Sunday) that holds it</translation>
    </message>
    <message>
        <source>基地</source>
        <translation>Base</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>%1 至 %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>结束日期不能早于开始日期，请检查。</source>
        <translation>The end date cannot be before the start date.</translation>
    </message>
    <message numerus="yes">
        <source>一份报表最多 %n 天，请缩短日期范围。</source>
        <translation>
            <numerusform>A report covers at most %n day: shorten the range.</numerusform>
            <numerusform>A report covers at most %n days: shorten the range.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <source>手机号、尾号 4 位或姓名</source>
        <translation>Phone, last 4 digits or name</translation>
    </message>
    <message>
        <source>输入后用 ↑ ↓ 选择，Enter 确定</source>
        <translation>Type, choose with ↑ ↓, confirm with Enter</translation>
    </message>
    <message numerus="yes">
        <source>找到 %n 位，用 ↑ ↓ 选择，Enter 确定。</source>
        <translation>
            <numerusform>Found %n match; choose with ↑ ↓, Enter to confirm.</numerusform>
            <numerusform>Found %n matches; choose with ↑ ↓, Enter to confirm.</numerusform>
        </translation>
    </message>
    <message>
        <source>没有找到。新访客请先在“签到”页登记。</source>
        <translation>Nobody found. Register a new visitor on the “Check-in” page first.</translation>
    </message>
    <message>
        <source>没有找到。新访客请先在“签到”页登记；不留姓名的请选“匿名”。</source>
        <translation>Nobody found. Register a new visitor on the “Check-in” page first; for no name, choose “Anonymous”.</translation>
    </message>
    <message>
        <source>请继续输入：完整的 11 位手机号，或手机尾号 4 位。</source>
        <translation>Keep typing: the full 11-digit number, or its last 4 digits.</translation>
    </message>
    <message>
        <source>匿名（不登记姓名和电话）</source>
        <translation>Anonymous (no name or phone number)</translation>
    </message>
    <message>
        <source>请先输入手机号、尾号 4 位或姓名。</source>
        <translation>First type a phone number, its last 4 digits or a name.</translation>
    </message>
    <message>
        <source>尚未选择预约人</source>
        <translation>Nobody chosen yet</translation>
    </message>
    <message>
        <source>已选：匿名</source>
        <translation>Chosen: Anonymous</translation>
    </message>
    <message>
        <source>已选：%1</source>
        <translation>Chosen: %1</translation>
    </message>
</context>
<context>
    <name>Points</name>
    <message>
        <source>超过有效期的积分自动过期</source>
        <translation>Points past their expiry date, written off automatically</translation>
    </message>
</context>
<context>
    <name>PointsMatchesModel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>会员号</source>
        <translation>Member no.</translation>
    </message>
    <message>
        <source>未加入</source>
        <translation>Not a member</translation>
    </message>
</context>
<context>
    <name>PointsNoticeDialog</name>
    <message>
        <source>积分公示</source>
        <translation>Points notice</translation>
    </message>
    <message>
        <source>列出本期积分有变动的会员：本期获得、本期使用和期末余额；姓名打码，电话只显示尾号 4 位。PDF 用于张贴公示，Excel 用于向上级报送。</source>
        <translation>Lists the members whose points moved in the period: earned, used and the balance at the end; names masked, phones as the last 4 digits only. The PDF is for the notice board, the Excel workbook for the report upward.</translation>
    </message>
    <message>
        <source>公示周期(&amp;K)</source>
        <translation>&amp;Kind of notice</translation>
    </message>
    <message>
        <source>期间(&amp;Y)</source>
        <translation>&amp;Year and period</translation>
    </message>
    <message>
        <source>月度</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>保存 PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>保存 Excel…</source>
        <translation>Save Excel…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>第 %1 季度</source>
        <translation>Q%1</translation>
    </message>
    <message>
        <source>{year}年{month}月</source>
        <translation>{year}-{month:02d}</translation>
    </message>
    <message>
        <source>{year}年第{quarter}季度</source>
        <translation>Q{quarter} {year}</translation>
    </message>
    <message>
        <source>{year}年</source>
        <translation>{year}</translation>
    </message>
    <message>
        <source>{start} 至 {end}</source>
        <translation>{start} to {end}</translation>
    </message>
    <message>
        <source>{base} 红色积分公示</source>
        <translation>{base}: Red Points notice</translation>
    </message>
    <message>
        <source>统计期间：{period}</source>
        <translation>Period: {period}</translation>
    </message>
    <message>
        <source>（{start} 至 {end}）</source>
        <translation> ({start} to {end})</translation>
    </message>
    <message>
        <source>生成日期：{date}</source>
        <translation>Made on {date}</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>手机尾号</source>
        <translation>Phone (last 4)</translation>
    </message>
    <message>
        <source>会员号</source>
        <translation>Member no.</translation>
    </message>
    <message>
        <source>本期获得</source>
        <translation>Earned</translation>
    </message>
    <message>
        <source>本期使用</source>
        <translation>Used</translation>
    </message>
    <message>
        <source>期末余额</source>
        <translation>Balance at end</translation>
    </message>
    <message>
        <source>合计（{members} 人）</source>
        <translation>Total ({members} members)</translation>
    </message>
    <message>
        <source>本期没有积分变动。</source>
        <translation>No points moved in this period.</translation>
    </message>
    <message>
        <source>公示期 7 天，如有异议请联系前台。</source>
        <translation>Posted for 7 days. Please tell the front desk about any objection.</translation>
    </message>
    <message>
        <source>公示单位：{base}</source>
        <translation>Posted by: {base}</translation>
    </message>
    <message>
        <source>第 {page} 页，共 {pages} 页</source>
        <translation>Page {page} of {pages}</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>%1：本期没有积分变动，公示将是空的。</source>
        <translation>%1: no points moved in this period; the notice will be empty.</translation>
    </message>
    <message numerus="yes">
        <source>%1：公示 %n 位会员</source>
        <translation>
            <numerusform>%1: the notice lists %n member</numerusform>
            <numerusform>%1: the notice lists %n members</numerusform>
        </translation>
    </message>
    <message>
        <source>，本期共获得 %1 分、使用 %2 分。</source>
        <translation>, who earned %1 points and used %2 in the period.</translation>
    </message>
    <message>
        <source>积分公示-%1</source>
        <translation>points-notice-%1</translation>
    </message>
    <message>
        <source>保存积分公示</source>
        <translation>Save the points notice</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>正在生成积分公示…</source>
        <translation>Making the points notice…</translation>
    </message>
    <message>
        <source>积分公示已保存：%1 &lt;a href=&quot;%2&quot;&gt;打开&lt;/a&gt;</source>
        <translation>Points notice saved: %1 &lt;a href=&quot;%2&quot;&gt;Open&lt;/a&gt;</translation>
    </message>
</context>
<context>
    <name>PointsPage</name>
    <message>
        <source>手机号、手机尾号 4 位、姓名，或扫描会员卡</source>
        <translation>Phone, last 4 digits, name, or scan a member card</translation>
    </message>
    <message>
        <source>查找 (Enter)</source>
        <translation>Find (Enter)</translation>
    </message>
    <message>
        <source>积分公示…</source>
        <translation>Points notice…</translation>
    </message>
    <message>
        <source>输入后按 Enter 查找，多人匹配时用 ↑ ↓ 选择
扫描会员卡直接显示会员 · ↓ 进入积分流水 · Esc 回到查找框</source>
        <translation>Type and press Enter; with several matches choose with ↑ ↓
A scanned member card shows the member at once · ↓ to the ledger · Esc back to the field</translation>
    </message>
    <message>
        <source>积分流水</source>
        <translation>Points ledger</translation>
    </message>
    <message>
        <source>认领的项目</source>
        <translation>Claimed projects</translation>
    </message>
    <message>
        <source>还没有积分流水。</source>
        <translation>No points entries yet.</translation>
    </message>
    <message numerus="yes">
        <source>找到 %n 位，用 ↑ ↓ 选择，Enter 确定。</source>
        <translation>
            <numerusform>Found %n match; choose with ↑ ↓, Enter to confirm.</numerusform>
            <numerusform>Found %n matches; choose with ↑ ↓, Enter to confirm.</numerusform>
        </translation>
    </message>
    <message>
        <source>没有手机尾号为 %1 的群众。新访客请先在“签到”页登记。</source>
        <translation>Nobody&apos;s phone number ends in %1. Register a new visitor on the “Check-in” page first.</translation>
    </message>
    <message>
        <source>没有姓名以“%1”开头的群众。新访客请先在“签到”页登记。</source>
        <translation>No name starts with “%1”. Register a new visitor on the “Check-in” page first.</translation>
    </message>
    <message>
        <source>这个号码还没有登记。新访客请先在“签到”页登记。</source>
        <translation>This number is not registered yet. Register a new visitor on the “Check-in” page first.</translation>
    </message>
    <message>
        <source>请继续输入：完整的 11 位手机号，或手机尾号 4 位。</source>
        <translation>Keep typing: the full 11-digit number, or its last 4 digits.</translation>
    </message>
    <message>
        <source>请先输入手机号、手机尾号 4 位或姓名，或扫描会员卡。</source>
        <translation>First type a phone number, its last 4 digits or a name, or scan a member card.</translation>
    </message>
    <message>
        <source>%1 已加入红色积分，会员号 %2。可以打印会员卡交给本人。</source>
        <translation>%1 joined Red Points, member no. %2. You can print the member card for them now.</translation>
    </message>
    <message>
        <source>请先在积分流水中选择要冲正的一笔。</source>
        <translation>First select the entry to reverse in the points ledger.</translation>
    </message>
    <message>
        <source>已记账：%1 积分，余额 %2。</source>
        <translation>Recorded: %1 points, balance %2.</translation>
    </message>
    <message>
        <source>兑换券</source>
        <translation>Vouchers</translation>
    </message>
    <message>
        <source>请先查找会员（手机号、尾号、姓名或扫描会员卡），再兑换。</source>
        <translation>Find the member first (phone, last 4 digits, name or a scanned member card), then exchange.</translation>
    </message>
    <message>
        <source>已兑换：%1（%2），%3 积分，余额 %4。券码 %5。</source>
        <translation>Exchanged: %1 (%2), %3 points, balance %4. Voucher code %5.</translation>
    </message>
    <message>
        <source>红色积分会员卡</source>
        <translation>Red Points member card</translation>
    </message>
    <message>
        <source>会员：{name}</source>
        <translation>Member: {name}</translation>
    </message>
    <message>
        <source>会员号</source>
        <translation>Member no.</translation>
    </message>
    <message>
        <source>入会日期：{date}</source>
        <translation>Joined: {date}</translation>
    </message>
    <message>
        <source>凭此卡在前台签到、预约、认领项目与兑换积分</source>
        <translation>Show this card at the desk to check in, book, claim projects and exchange points</translation>
    </message>
    <message>
        <source>会员卡-%1.pdf</source>
        <translation>member-card-%1.pdf</translation>
    </message>
    <message>
        <source>保存会员卡</source>
        <translation>Save the member card</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>正在生成会员卡…</source>
        <translation>Making the member card…</translation>
    </message>
    <message>
        <source>无法保存到 %1（%2）。请换一个文件夹再试。</source>
        <translation>Cannot save to %1 (%2). Please try another folder.</translation>
    </message>
    <message>
        <source>会员卡已保存：%1 &lt;a href=&quot;%2&quot;&gt;打开&lt;/a&gt;（用小票打印机打印）</source>
        <translation>Member card saved: %1 &lt;a href=&quot;%2&quot;&gt;Open&lt;/a&gt; (print it on the receipt printer)</translation>
    </message>
</context>
<context>
    <name>PointsSection</name>
    <message>
        <source>红色积分的规则，对所有前台一起生效。积分流水只增不改：规则改动只影响以后的积分，已记的不变。</source>
        <translation>The rules of Red Points, for every desk at once. The ledger is never rewritten: a change applies to points from now on, entries already made stay as they are.</translation>
    </message>
    <message>
        <source>积分规则</source>
        <translation>Points rules</translation>
    </message>
    <message>
        <source>有效期(&amp;E)</source>
        <translation>&amp;Expiry</translation>
    </message>
    <message>
        <source>每日上限(&amp;D)</source>
        <translation>&amp;Daily cap</translation>
    </message>
    <message>
        <source>每月上限(&amp;M)</source>
        <translation>&amp;Monthly cap</translation>
    </message>
    <message>
        <source>获得的积分多少天后过期；0 表示永不过期。先用快到期的积分，到期未用的自动扣除。</source>
        <translation>Days until earned points expire; 0 means never. The soonest-expiring points are used first; unused ones are written off automatically when they expire.</translation>
    </message>
    <message>
        <source>每位会员每天最多获得的积分；0 表示不限。超过时记分会被拒绝并说明原因。</source>
        <translation>The most points one member may earn in a day; 0 means no cap. Points over the cap are refused, with the reason.</translation>
    </message>
    <message>
        <source>每位会员每个自然月最多获得的积分；0 表示不限。</source>
        <translation>The most points one member may earn in a calendar month; 0 means no cap.</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>永不过期</source>
        <translation>Never</translation>
    </message>
    <message>
        <source> 积分</source>
        <translation> points</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>No cap</translation>
    </message>
    <message>
        <source>过期未使用的兑换券退回积分(&amp;R)</source>
        <translation>&amp;Refund the points of vouchers that expire unused</translation>
    </message>
    <message>
        <source>勾选时，兑换券过了有效期仍未核销，所用积分自动退回会员，库存恢复；不勾选时只恢复库存。</source>
        <translation>When ticked, a voucher not redeemed by its last day gives its points back to the member and its item back to the stock; when not, only the stock is restored.</translation>
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
    <name>PortPanel</name>
    <message>
        <source>用方向键或鼠标选择一个桩位。空闲的桩位按 Enter 打开开始充电，再按 Enter 开始。</source>
        <translation>Choose a charging point with the arrow keys or the mouse. On a free point, press Enter for the start form, then Enter again to start.</translation>
    </message>
    <message>
        <source>时长</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>充电安全须知（逐项确认）</source>
        <translation>Charging safety (confirm each item)</translation>
    </message>
    <message>
        <source>电池未改装</source>
        <translation>Battery not modified</translation>
    </message>
    <message>
        <source>不过夜充电</source>
        <translation>No overnight charging</translation>
    </message>
    <message>
        <source>车辆停放在指定区域</source>
        <translation>Parked in the designated area</translation>
    </message>
    <message>
        <source>开始充电</source>
        <translation>Start charging</translation>
    </message>
    <message>
        <source>延长</source>
        <translation>Extend</translation>
    </message>
    <message>
        <source>停止充电</source>
        <translation>Stop charging</translation>
    </message>
    <message>
        <source>已修复，恢复使用</source>
        <translation>Repaired, back in service</translation>
    </message>
    <message>
        <source>故障登记</source>
        <translation>Report a fault</translation>
    </message>
    <message>
        <source>故障原因，例如 插口松动</source>
        <translation>e.g. loose socket</translation>
    </message>
    <message>
        <source>标记故障</source>
        <translation>Mark broken</translation>
    </message>
    <message>
        <source>充电桩位</source>
        <translation>Charging point</translation>
    </message>
    <message>
        <source>未选择</source>
        <translation>None selected</translation>
    </message>
    <message>
        <source>充电人</source>
        <translation>Charging for</translation>
    </message>
    <message>
        <source>充电人（可不填，不填即匿名）</source>
        <translation>Charging for (optional; blank is anonymous)</translation>
    </message>
    <message>
        <source>充电人：%1</source>
        <translation>Charging for: %1</translation>
    </message>
    <message>
        <source>%1 开始 · 预计 %2 结束</source>
        <translation>Started %1 · ends about %2</translation>
    </message>
    <message>
        <source>已超时 %1</source>
        <translation>Overdue by %1</translation>
    </message>
    <message>
        <source>剩余 %1</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <source>故障原因：%1</source>
        <translation>Fault: %1</translation>
    </message>
    <message>
        <source>已达到最长 %1，不能再延长。</source>
        <translation>Already at the longest time (%1); it cannot be extended.</translation>
    </message>
    <message>
        <source>最多还可延长 %1</source>
        <translation>Can be extended by up to %1</translation>
    </message>
    <message>
        <source>%1 开始充电：%2，预计 %3 结束。</source>
        <translation>%1: charging started for %2; ends about %3.</translation>
    </message>
    <message>
        <source>延长后总时长会超过上限（%1）。</source>
        <translation>The extension would go over the longest time (%1).</translation>
    </message>
    <message>
        <source>%1 已延长 %2，预计 %3 结束。</source>
        <translation>%1 extended by %2; ends about %3.</translation>
    </message>
    <message>
        <source>%1 已停止充电，用时 %2。</source>
        <translation>%1 stopped charging after %2.</translation>
    </message>
    <message>
        <source>%1 已标记故障：%2</source>
        <translation>%1 marked broken: %2</translation>
    </message>
    <message>
        <source>%1 已修复，恢复使用。</source>
        <translation>%1 repaired and back in service.</translation>
    </message>
    <message>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
</context>
<context>
    <name>PortTileWidget</name>
    <message>
        <source>%1 有预约</source>
        <translation>Booked %1</translation>
    </message>
    <message>
        <source>应于 %1 结束</source>
        <translation>Due %1</translation>
    </message>
    <message>
        <source>超时 %1</source>
        <translation>Over %1</translation>
    </message>
    <message>
        <source>%1 开始</source>
        <translation>From %1</translation>
    </message>
    <message>
        <source>剩余 %1</source>
        <translation>%1 left</translation>
    </message>
</context>
<context>
    <name>PrintingSection</name>
    <message>
        <source>兑换券按打印机的纸张排版：80 mm 或 58 mm 小票纸一张一券，A4 纸每页 8 张（裁开使用）。兑换时按默认打印机的纸张生成兑换券，预览里也可以临时改用其他纸张。</source>
        <translation>Vouchers are laid out for each printer&apos;s paper: one per 80 mm or 58 mm receipt, or 8 per A4 sheet (cut apart). Issuing uses the default printer&apos;s paper; the preview can switch paper for one voucher.</translation>
    </message>
    <message>
        <source>这台电脑的打印机</source>
        <translation>This PC&apos;s printers</translation>
    </message>
    <message>
        <source>没有打印机（另存为 PDF）</source>
        <translation>No printer (save as PDF)</translation>
    </message>
    <message>
        <source>%1（默认）</source>
        <translation>%1 (default)</translation>
    </message>
    <message>
        <source>设置只保存在这台电脑上。新装了打印机后点“重新查找打印机”。</source>
        <translation>These settings are kept on this PC only. After installing a printer, click &quot;Find printers again&quot;.</translation>
    </message>
    <message>
        <source>重新查找打印机</source>
        <translation>Find printers again</translation>
    </message>
    <message>
        <source>无法保存设置（%1）。</source>
        <translation>Could not save the setting (%1).</translation>
    </message>
    <message>
        <source>已保存：%1 使用 %2。</source>
        <translation>Saved: %1 uses %2.</translation>
    </message>
</context>
<context>
    <name>ProjectDialog</name>
    <message>
        <source>编辑项目</source>
        <translation>Edit project</translation>
    </message>
    <message>
        <source>新建项目</source>
        <translation>New project</translation>
    </message>
    <message>
        <source>修改后，已核验的积分不变；名额不能少于已认领的人数。</source>
        <translation>Points already credited stay as they are; slots cannot be fewer than the people who claimed.</translation>
    </message>
    <message>
        <source>群众在前台认领项目，工作人员核验到场后发放积分。</source>
        <translation>People claim the project at the desk; staff verify who came and credit the points.</translation>
    </message>
    <message>
        <source>名称(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>类型(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>说明(&amp;D)</source>
        <translation>&amp;Description</translation>
    </message>
    <message>
        <source>地点(&amp;L)</source>
        <translation>&amp;Location</translation>
    </message>
    <message>
        <source>开始(&amp;S)</source>
        <translation>&amp;Starts</translation>
    </message>
    <message>
        <source>结束(&amp;E)</source>
        <translation>&amp;Ends</translation>
    </message>
    <message>
        <source>报名截止(&amp;U)</source>
        <translation>Sign-&amp;up until</translation>
    </message>
    <message>
        <source>名额(&amp;N)</source>
        <translation>&amp;Number of slots</translation>
    </message>
    <message>
        <source>积分(&amp;P)</source>
        <translation>&amp;Points</translation>
    </message>
    <message>
        <source>例如：明华商圈环境清扫</source>
        <translation>e.g. Clean-up of the Minghua district</translation>
    </message>
    <message>
        <source>选填：做什么、带什么、找谁报到</source>
        <translation>Optional: what to do, what to bring, whom to report to</translation>
    </message>
    <message>
        <source>选填，例如：中心广场</source>
        <translation>Optional, e.g. Central Square</translation>
    </message>
    <message>
        <source> 人</source>
        <translation> people</translation>
    </message>
    <message>
        <source>每次固定</source>
        <translation>Fixed</translation>
    </message>
    <message>
        <source>按小时计</source>
        <translation>By the hour</translation>
    </message>
    <message>
        <source>分/小时</source>
        <translation>points per hour</translation>
    </message>
    <message>
        <source>每次最多计</source>
        <translation>counting at most</translation>
    </message>
    <message>
        <source>分</source>
        <translation>points each time</translation>
    </message>
    <message>
        <source>小时</source>
        <translation>hours</translation>
    </message>
    <message>
        <source>按小时计的项目，核验时填写实际时长，不足半小时不计。</source>
        <translation>For projects by the hour, staff enter the hours worked when verifying; less than half an hour does not count.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ProjectListModel</name>
    <message>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>认领/名额</source>
        <translation>Claimed/slots</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>报名已截止</source>
        <translation>Sign-up over</translation>
    </message>
    <message>
        <source>报名截止：%1</source>
        <translation>Sign-up until %1</translation>
    </message>
</context>
<context>
    <name>ProjectWords</name>
    <message numerus="yes">
        <source>%n 分</source>
        <translation>
            <numerusform>%n point</numerusform>
            <numerusform>%n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>每小时 %n 分</source>
        <translation>
            <numerusform>%n point per hour</numerusform>
            <numerusform>%n points per hour</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，最多 %n 小时</source>
        <translation>
            <numerusform>, at most %n hour</numerusform>
            <numerusform>, at most %n hours</numerusform>
        </translation>
    </message>
    <message>
        <source>%1（%2）%3–%4</source>
        <translation>%1 (%2) %3–%4</translation>
    </message>
    <message>
        <source>%1（%2）%3 至 %4（%5）%6</source>
        <translation>%1 (%2) %3 to %4 (%5) %6</translation>
    </message>
    <message>
        <source>无法保存到 %1（%2）。请换一个文件夹再试。</source>
        <translation>Could not save to %1 (%2). Please choose another folder.</translation>
    </message>
</context>
<context>
    <name>ProjectsPage</name>
    <message>
        <source>服务项目</source>
        <translation>Service projects</translation>
    </message>
    <message>
        <source>显示已结束</source>
        <translation>Show finished</translation>
    </message>
    <message>
        <source>新建项目…</source>
        <translation>New project…</translation>
    </message>
    <message>
        <source>新建一个可认领的服务项目 (Ctrl+N)</source>
        <translation>Make a new service project people can claim (Ctrl+N)</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>修改选中的项目 (F2)</source>
        <translation>Change the selected project (F2)</translation>
    </message>
    <message>
        <source>结束项目…</source>
        <translation>Finish…</translation>
    </message>
    <message>
        <source>项目结束后不能再认领、核验或修改</source>
        <translation>A finished project can no longer be claimed, verified or changed</translation>
    </message>
    <message>
        <source>还没有项目。点“新建项目…”添加志愿服务、活动、培训或网格上报。</source>
        <translation>No projects yet. Click &quot;New project…&quot; to add volunteering, an activity, a training or grid reporting.</translation>
    </message>
    <message>
        <source>重新开放报名</source>
        <translation>Reopen sign-up</translation>
    </message>
    <message>
        <source>关闭报名</source>
        <translation>Close sign-up</translation>
    </message>
    <message>
        <source>重新接受认领（报名截止前）</source>
        <translation>Take claims again (until the sign-up deadline)</translation>
    </message>
    <message>
        <source>暂停接受认领；已认领的照常核验</source>
        <translation>Stop taking claims; claims already made are verified as usual</translation>
    </message>
    <message>
        <source>已保存项目“%1”。</source>
        <translation>Project &quot;%1&quot; saved.</translation>
    </message>
    <message>
        <source>结束“%1”？结束后不能再认领、核验或修改。</source>
        <translation>Finish &quot;%1&quot;? It can then no longer be claimed, verified or changed.</translation>
    </message>
    <message numerus="yes">
        <source>还有 %n 人已认领但未核验，结束后不能再为他们发放积分。</source>
        <translation>
            <numerusform>%n person claimed and is not verified yet: no points can be credited after finishing.</numerusform>
            <numerusform>%n people claimed and are not verified yet: no points can be credited after finishing.</numerusform>
        </translation>
    </message>
    <message>
        <source>结束项目</source>
        <translation>Finish project</translation>
    </message>
    <message>
        <source>“%1”已重新开放报名。</source>
        <translation>Sign-up for &quot;%1&quot; is open again.</translation>
    </message>
    <message>
        <source>“%1”已关闭报名，已认领的照常核验。</source>
        <translation>Sign-up for &quot;%1&quot; closed; claims already made are verified as usual.</translation>
    </message>
    <message>
        <source>“%1”已结束。勾选“显示已结束”可以再查看。</source>
        <translation>&quot;%1&quot; is finished. Tick &quot;Show finished&quot; to see it again.</translation>
    </message>
</context>
<context>
    <name>RedeemBanner</name>
    <message>
        <source>请对照兑换券重新输入券码，或再扫一次二维码。</source>
        <translation>Type the code again from the voucher, or scan the QR code once more.</translation>
    </message>
    <message>
        <source>刚才输入的是：%1</source>
        <translation>You typed: %1</translation>
    </message>
    <message>
        <source>请勿兑换。</source>
        <translation>Do not hand over the reward.</translation>
    </message>
    <message>
        <source>%1 · 会员 %2 · %3 积分 · 券码 %4</source>
        <translation>%1 · member %2 · %3 points · code %4</translation>
    </message>
    <message>
        <source>已于 %1 在 %2 核销</source>
        <translation>Redeemed on %1 at %2</translation>
    </message>
    <message>
        <source>经办人 %1 · %2</source>
        <translation>By %1 · %2</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>有效期至 %1，已过期，不能兑换。</source>
        <translation>It was valid until %1 and has expired: do not hand over the reward.</translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>none given</translation>
    </message>
    <message>
        <source>前台已作废这张券（原因：%1），不能兑换。</source>
        <translation>The desk voided this voucher (reason: %1): do not hand over the reward.</translation>
    </message>
    <message>
        <source>此券只能在 %1 使用，请勿兑换。</source>
        <translation>This voucher is for %1 only: do not hand over the reward.</translation>
    </message>
    <message>
        <source>%1 · 券码 %2</source>
        <translation>%1 · code %2</translation>
    </message>
    <message>
        <source>%1（%2）· 会员 %3 · 券码 %4</source>
        <translation>%1 (%2) · member %3 · code %4</translation>
    </message>
</context>
<context>
    <name>RedeemPage</name>
    <message>
        <source>核销商家(&amp;M)</source>
        <translation>Redeem at &amp;merchant</translation>
    </message>
    <message>
        <source>任意商家（按券所属商家核销）</source>
        <translation>Any merchant (the voucher&apos;s own)</translation>
    </message>
    <message>
        <source>商家 #%1</source>
        <translation>Merchant #%1</translation>
    </message>
    <message>
        <source>扫描兑换券二维码，或输入券码后按 Enter</source>
        <translation>Scan the voucher&apos;s QR code, or type its code and press Enter</translation>
    </message>
    <message>
        <source>核销 (Enter)</source>
        <translation>Redeem (Enter)</translation>
    </message>
    <message>
        <source>扫码枪扫完会自动按 Enter。扫不出时输入二维码下方的 8 位券码，例如 HY7K-3M9Q（不分大小写，可不输入短横线）。</source>
        <translation>The scanner presses Enter by itself. If a code will not scan, type the 8-character code under the QR code, e.g. HY7K-3M9Q (any case, the dash may be left out).</translation>
    </message>
    <message>
        <source>还没有核销记录。</source>
        <translation>Nothing redeemed yet.</translation>
    </message>
    <message>
        <source>请先扫描兑换券上的二维码，或输入券码。</source>
        <translation>Scan the voucher&apos;s QR code or type its code first.</translation>
    </message>
    <message numerus="yes">
        <source>各商家的核销记录（今天 %n 张）</source>
        <translation>
            <numerusform>Redeemed at all merchants (%n today)</numerusform>
            <numerusform>Redeemed at all merchants (%n today)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 的核销记录（今天 %n 张）</source>
        <translation>
            <numerusform>Redeemed at %1 (%n today)</numerusform>
            <numerusform>Redeemed at %1 (%n today)</numerusform>
        </translation>
    </message>
    <message>
        <source>今天 %1</source>
        <translation>today %1</translation>
    </message>
</context>
<context>
    <name>RedemptionsModel</name>
    <message>
        <source>核销时间</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <source>券码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>兑换内容</source>
        <translation>Reward</translation>
    </message>
    <message>
        <source>商家</source>
        <translation>Merchant</translation>
    </message>
    <message>
        <source>会员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>今天 %1</source>
        <translation>today %1</translation>
    </message>
</context>
<context>
    <name>ReportWords</name>
    <message>
        <source>到访台账</source>
        <translation>Visit register</translation>
    </message>
    <message>
        <source>预约台账</source>
        <translation>Booking register</translation>
    </message>
    <message>
        <source>充电台账</source>
        <translation>Charging register</translation>
    </message>
    <message>
        <source>积分流水台账</source>
        <translation>Points ledger</translation>
    </message>
    <message>
        <source>兑换券台账</source>
        <translation>Voucher register</translation>
    </message>
    <message>
        <source>日</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>周</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>年</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>日报 PDF…</source>
        <translation>Daily report PDF…</translation>
    </message>
    <message>
        <source>周报 PDF…</source>
        <translation>Weekly report PDF…</translation>
    </message>
    <message>
        <source>月报 PDF…</source>
        <translation>Monthly report PDF…</translation>
    </message>
    <message>
        <source>季报 PDF…</source>
        <translation>Quarterly report PDF…</translation>
    </message>
    <message>
        <source>年报 PDF…</source>
        <translation>Annual report PDF…</translation>
    </message>
    <message>
        <source>报表 PDF…</source>
        <translation>Report PDF…</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>请先选择有效的统计期间。</source>
        <translation>Choose a valid period first.</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>本期无数据</source>
        <translation>No data in this period</translation>
    </message>
    <message>
        <source>无法统计这一期间。</source>
        <translation>This period cannot be counted.</translation>
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
    <name>RetentionSection</name>
    <message>
        <source>到访群众的姓名和电话只保留一段时间。超过保留天数没有再来、也不是积分会员的人，姓名和电话会被匿名化（删除且无法恢复）；到访记录和各项统计人数保留不变。</source>
        <translation>Visitors&apos; names and phone numbers are kept only for a while. People who have not come back within the retention period and are not red points members have their name and phone number anonymized (deleted for good); visit records and all head counts stay as they are.</translation>
    </message>
    <message>
        <source>保留期限</source>
        <translation>Retention period</translation>
    </message>
    <message>
        <source>保留天数</source>
        <translation>Keep for</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>立即执行…</source>
        <translation>Run now…</translation>
    </message>
    <message>
        <source>按已保存的保留天数立即匿名化</source>
        <translation>Anonymize now, using the saved retention period</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message numerus="yes">
        <source>%n 人的姓名和电话将被匿名化（最近一次到访早于 %1，且不是积分会员）</source>
        <translation>
            <numerusform>%n person&apos;s name and phone number will be anonymized (last visit before %1, not a red points member)</numerusform>
            <numerusform>%n people&apos;s names and phone numbers will be anonymized (last visit before %1, not red points members)</numerusform>
        </translation>
    </message>
    <message>
        <source>自动匿名化已启用：程序每天自动执行一次。</source>
        <translation>Automatic anonymization is on: the program runs it once a day.</translation>
    </message>
    <message>
        <source>自动匿名化尚未启用：确认上面的人数后保存一次，程序才会每天自动执行。</source>
        <translation>Automatic anonymization is not on yet: check the number above and save once; the program then runs it every day.</translation>
    </message>
    <message numerus="yes">
        <source>已保存：保留 %n 天。</source>
        <translation>
            <numerusform>Saved: kept for %n day.</numerusform>
            <numerusform>Saved: kept for %n days.</numerusform>
        </translation>
    </message>
    <message>
        <source>现在就把符合条件的人的姓名和电话匿名化吗？此操作无法撤销。</source>
        <translation>Anonymize the names and phone numbers of everyone who qualifies now? This cannot be undone.</translation>
    </message>
    <message numerus="yes">
        <source>现在就把这 %n 人的姓名和电话匿名化吗？此操作无法撤销。</source>
        <translation>
            <numerusform>Anonymize the name and phone number of this %n person now? This cannot be undone.</numerusform>
            <numerusform>Anonymize the names and phone numbers of these %n people now? This cannot be undone.</numerusform>
        </translation>
    </message>
    <message>
        <source>立即匿名化</source>
        <translation>Anonymize now</translation>
    </message>
    <message>
        <source>正在匿名化…</source>
        <translation>Anonymizing…</translation>
    </message>
    <message numerus="yes">
        <source>已匿名化 %n 人（最近一次到访早于 %1）。</source>
        <translation>
            <numerusform>Anonymized %n person (last visit before %1).</numerusform>
            <numerusform>Anonymized %n people (last visit before %1).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReverseDialog</name>
    <message>
        <source>冲正</source>
        <translation>Reverse</translation>
    </message>
    <message>
        <source>冲正 %1 的这笔流水：%2 %3，原因：%4</source>
        <translation>Reverse this entry of %1: %2 %3, reason: %4</translation>
    </message>
    <message>
        <source>将记一笔 %1 积分的冲正流水，原流水保留并标为已冲正。冲正后余额 %2。</source>
        <translation>A reversal of %1 points will be written; the original entry stays, marked as reversed. Balance afterwards: %2.</translation>
    </message>
    <message>
        <source>冲正原因(&amp;R)</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>必填，例如：误操作，重复录入</source>
        <translation>Required, e.g. entered twice by mistake</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RewardModel</name>
    <message>
        <source>兑换项目</source>
        <translation>Reward</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>面值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>每人每月</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>有效期</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>No limit</translation>
    </message>
    <message numerus="yes">
        <source>%n 天</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>商家已停用</source>
        <translation>Merchant inactive</translation>
    </message>
    <message>
        <source>已兑完</source>
        <translation>Sold out</translation>
    </message>
    <message>
        <source>可兑换</source>
        <translation>On offer</translation>
    </message>
</context>
<context>
    <name>SeriesDialog</name>
    <message>
        <source>周期预约</source>
        <translation>Recurring booking</translation>
    </message>
    <message>
        <source>重复</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <source>星期</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <source>预约人</source>
        <translation>Booked for</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>活动名称</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>每周</source>
        <translation>Every week</translation>
    </message>
    <message>
        <source>每月第一个</source>
        <translation>First in each month</translation>
    </message>
    <message>
        <source> 人</source>
        <translation> person(s)</translation>
    </message>
    <message>
        <source>例如：主题党日</source>
        <translation>e.g. Party theme day</translation>
    </message>
    <message>
        <source>预约这些日期</source>
        <translation>Book these dates</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>这段日期内没有这样的日子，请改一下日期或星期。</source>
        <translation>No such day falls in these dates; change the dates or the weekday.</translation>
    </message>
    <message>
        <source>%1 已预约 %2–%3</source>
        <translation>%1 booked %2–%3</translation>
    </message>
    <message>
        <source>%1 跳过：%2</source>
        <translation>%1 skipped: %2</translation>
    </message>
    <message numerus="yes">
        <source>已预约 %n 次</source>
        <translation>
            <numerusform>Booked %n date</numerusform>
            <numerusform>Booked %n dates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，跳过 %n 次（原因见下）</source>
        <translation>
            <numerusform>, skipped %n (reason below)</numerusform>
            <numerusform>, skipped %n (reasons below)</numerusform>
        </translation>
    </message>
    <message>
        <source>。</source>
        <translation>.</translation>
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
    <message>
        <source>设施与预约规则</source>
        <translation>Facilities and booking rules</translation>
    </message>
    <message>
        <source>节假日与特别开放</source>
        <translation>Holidays and special hours</translation>
    </message>
    <message>
        <source>个人信息保留</source>
        <translation>Personal data retention</translation>
    </message>
    <message>
        <source>红色积分</source>
        <translation>Red Points</translation>
    </message>
    <message>
        <source>联盟商家与兑换项目</source>
        <translation>Merchants and rewards</translation>
    </message>
    <message>
        <source>商家结算</source>
        <translation>Merchant settlement</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Printing</translation>
    </message>
</context>
<context>
    <name>SettlementSection</name>
    <message>
        <source>{year}年{month}月</source>
        <translation>{year}-{month:02d}</translation>
    </message>
    <message>
        <source>{year}年第{quarter}季度</source>
        <translation>Q{quarter} {year}</translation>
    </message>
    <message>
        <source>{year}年</source>
        <translation>{year}</translation>
    </message>
    <message>
        <source>{start} 至 {end}</source>
        <translation>{start} to {end}</translation>
    </message>
    <message>
        <source>按联盟商家和期间汇总已核销、尚未结算的兑换券（张数、积分、面值）。结算后这些兑换券标记为已结算，不会再次结算；之后核销的兑换券进入下一张结算单。会员姓名打码，不显示电话。</source>
        <translation>Totals of the vouchers redeemed but not yet settled, by alliance merchant and period (count, points, face value). Settling marks them as settled, so they are never settled again; vouchers redeemed later go into the next statement. Member names are masked; no phone numbers are shown.</translation>
    </message>
    <message>
        <source>新结算</source>
        <translation>New settlement</translation>
    </message>
    <message>
        <source>已结算的结算单</source>
        <translation>Settled statements</translation>
    </message>
    <message>
        <source>商家(&amp;M)</source>
        <translation>&amp;Merchant</translation>
    </message>
    <message>
        <source>结算期间(&amp;P)</source>
        <translation>&amp;Period</translation>
    </message>
    <message>
        <source>月度</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom dates</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>结算…</source>
        <translation>Settle…</translation>
    </message>
    <message>
        <source>保存预览 PDF…</source>
        <translation>Save preview PDF…</translation>
    </message>
    <message>
        <source>保存 PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>保存 Excel…</source>
        <translation>Save Excel…</translation>
    </message>
    <message>
        <source>第 %1 季度</source>
        <translation>Q%1</translation>
    </message>
    <message>
        <source>%1（已停用）</source>
        <translation>%1 (disabled)</translation>
    </message>
    <message>
        <source>%1，%2：没有待结算的兑换券。</source>
        <translation>%1, %2: no vouchers to settle.</translation>
    </message>
    <message numerus="yes">
        <source>%1，%2：待结算 %n 张兑换券</source>
        <translation>
            <numerusform>%1, %2: %n voucher to settle</numerusform>
            <numerusform>%1, %2: %n vouchers to settle</numerusform>
        </translation>
    </message>
    <message>
        <source>，共 %1 分，面值 ¥%2。</source>
        <translation>, %1 points, face value ¥%2.</translation>
    </message>
    <message>
        <source>{base} 联盟商家结算单</source>
        <translation>{base} alliance merchant settlement statement</translation>
    </message>
    <message>
        <source>预览（未结算）</source>
        <translation>PREVIEW (not settled)</translation>
    </message>
    <message>
        <source>此为预览，尚未结算，不作结算凭证。</source>
        <translation>A preview: nothing is settled yet; not a settlement record.</translation>
    </message>
    <message>
        <source>商家：{merchant}</source>
        <translation>Merchant: {merchant}</translation>
    </message>
    <message>
        <source>牌匾编号：{plaque}</source>
        <translation>Plaque no.: {plaque}</translation>
    </message>
    <message>
        <source>联系人：{contact}</source>
        <translation>Contact: {contact}</translation>
    </message>
    <message>
        <source>结算期间：{period}</source>
        <translation>Period: {period}</translation>
    </message>
    <message>
        <source>（{start} 至 {end}）</source>
        <translation> ({start} to {end})</translation>
    </message>
    <message>
        <source>结算单号：{number}</source>
        <translation>Statement no.: {number}</translation>
    </message>
    <message>
        <source>结算时间：{at}&#x3000;经办：{by}</source>
        <translation>Settled: {at} by {by}</translation>
    </message>
    <message>
        <source>生成时间：{at}</source>
        <translation>Generated: {at}</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>券号</source>
        <translation>Serial</translation>
    </message>
    <message>
        <source>兑换项目</source>
        <translation>Reward</translation>
    </message>
    <message>
        <source>会员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>兑换时间</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>核销时间</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <source>核销人</source>
        <translation>Redeemed by</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>面值（元）</source>
        <translation>Face value (¥)</translation>
    </message>
    <message>
        <source>合计 {count} 张</source>
        <translation>Total vouchers: {count}</translation>
    </message>
    <message>
        <source>合计（张）</source>
        <translation>Total vouchers</translation>
    </message>
    <message>
        <source>本期没有待结算的兑换券。</source>
        <translation>No vouchers to settle in this period.</translation>
    </message>
    <message>
        <source>基地经办人（签字）：________________&#x3000;&#x3000;日期：____________</source>
        <translation>Base staff (signature): ________________    Date: ____________</translation>
    </message>
    <message>
        <source>商家确认（签字/盖章）：________________&#x3000;&#x3000;日期：____________</source>
        <translation>Merchant (signature/stamp): ________________    Date: ____________</translation>
    </message>
    <message>
        <source>第 {page} 页，共 {pages} 页</source>
        <translation>Page {page} of {pages}</translation>
    </message>
    <message>
        <source>结算单</source>
        <translation>Statement</translation>
    </message>
    <message>
        <source>还没有联盟商家。请先在“联盟商家与兑换项目”中添加商家。</source>
        <translation>There are no alliance merchants yet. Add one first under “Alliance merchants and rewards”.</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>%1，%2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <source>将 %n 张兑换券（%1 分，¥%2）标记为已结算，之后不会再次结算。</source>
        <translation>
            <numerusform>Mark %n voucher (%1 points, ¥%2) as settled? It will never be settled again.</numerusform>
            <numerusform>Mark %n vouchers (%1 points, ¥%2) as settled? They will never be settled again.</numerusform>
        </translation>
    </message>
    <message>
        <source>商家结算</source>
        <translation>Merchant settlement</translation>
    </message>
    <message numerus="yes">
        <source>已结算：结算单 %1，%n 张兑换券</source>
        <translation>
            <numerusform>Settled: statement %1, %n voucher</numerusform>
            <numerusform>Settled: statement %1, %n vouchers</numerusform>
        </translation>
    </message>
    <message>
        <source>，共 %1 分，面值 ¥%2。可在下方保存 PDF 或 Excel。</source>
        <translation>, %1 points, face value ¥%2. Save it as PDF or Excel below.</translation>
    </message>
    <message>
        <source>结算单预览-%1-%2</source>
        <translation>Settlement preview-%1-%2</translation>
    </message>
    <message>
        <source>结算单-%1-%2</source>
        <translation>Settlement-%1-%2</translation>
    </message>
    <message>
        <source>保存结算单</source>
        <translation>Save the settlement statement</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>正在生成结算单…</source>
        <translation>Making the statement…</translation>
    </message>
    <message>
        <source>结算单已保存：%1 &lt;a href=&quot;%2&quot;&gt;打开&lt;/a&gt;</source>
        <translation>Statement saved: %1 &lt;a href=&quot;%2&quot;&gt;Open&lt;/a&gt;</translation>
    </message>
</context>
<context>
    <name>SettlementStatementsModel</name>
    <message>
        <source>结算单号</source>
        <translation>Statement no.</translation>
    </message>
    <message>
        <source>商家</source>
        <translation>Merchant</translation>
    </message>
    <message>
        <source>结算期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>张数</source>
        <translation>Vouchers</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>面值（元）</source>
        <translation>Face value (¥)</translation>
    </message>
    <message>
        <source>结算时间</source>
        <translation>Settled at</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Settled by</translation>
    </message>
</context>
<context>
    <name>SettlementVouchersModel</name>
    <message>
        <source>券号</source>
        <translation>Serial</translation>
    </message>
    <message>
        <source>兑换项目</source>
        <translation>Reward</translation>
    </message>
    <message>
        <source>会员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>核销时间</source>
        <translation>Redeemed at</translation>
    </message>
    <message>
        <source>核销人</source>
        <translation>Redeemed by</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>面值（元）</source>
        <translation>Face value (¥)</translation>
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
    <name>SlipPreviewDialog</name>
    <message>
        <source>兑换券预览</source>
        <translation>Voucher preview</translation>
    </message>
    <message>
        <source>（重印）</source>
        <translation> (reprint)</translation>
    </message>
    <message>
        <source>券码 %1 · %2 · %3</source>
        <translation>Code %1 · %2 · %3</translation>
    </message>
    <message numerus="yes">
        <source>%n 张兑换券</source>
        <translation>
            <numerusform>%n voucher</numerusform>
            <numerusform>%n vouchers</numerusform>
        </translation>
    </message>
    <message>
        <source>这台电脑没有安装打印机：请另存为 PDF，在其他电脑上打印。</source>
        <translation>No printer is installed on this PC: save the voucher as PDF and print it on another one.</translation>
    </message>
    <message>
        <source>默认打印机：%1。打印时可以选择其他打印机；预览就是打印出来的样子。</source>
        <translation>Default printer: %1. Another printer can be chosen when printing; the preview is exactly what prints.</translation>
    </message>
    <message>
        <source>纸张(&amp;L)</source>
        <translation>Pape&amp;r</translation>
    </message>
    <message>
        <source>正在生成兑换券…</source>
        <translation>Making the voucher…</translation>
    </message>
    <message>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>用 Qt 打印对话框选择打印机后打印 (Ctrl+P)</source>
        <translation>Choose a printer in the print dialog and print (Ctrl+P)</translation>
    </message>
    <message>
        <source>另存为 PDF(&amp;S)…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <source>保存兑换券 PDF，可存档或在其他电脑上打印 (Ctrl+S)</source>
        <translation>Save the voucher PDF to keep or to print on another PC (Ctrl+S)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>无法显示预览（%1）。请另存为 PDF，用 PDF 阅读器打印。</source>
        <translation>The preview cannot be shown (%1). Save as PDF and print it from a PDF reader.</translation>
    </message>
    <message>
        <source>兑换券 %1</source>
        <translation>Voucher %1</translation>
    </message>
    <message>
        <source>打印失败：%1。请检查打印机后再试，或另存为 PDF。</source>
        <translation>Printing failed: %1. Check the printer and try again, or save as PDF.</translation>
    </message>
    <message>
        <source>已发送到打印机 %1。</source>
        <translation>Sent to the printer %1.</translation>
    </message>
    <message>
        <source>兑换券-%1.pdf</source>
        <translation>voucher-%1.pdf</translation>
    </message>
    <message>
        <source>保存兑换券</source>
        <translation>Save voucher</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>无法保存到 %1（%2）。请换一个文件夹再试。</source>
        <translation>Could not save to %1 (%2). Try another folder.</translation>
    </message>
    <message>
        <source>已保存：%1 &lt;a href=&quot;%2&quot;&gt;打开&lt;/a&gt;</source>
        <translation>Saved: %1 &lt;a href=&quot;%2&quot;&gt;Open&lt;/a&gt;</translation>
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
    <name>StationPanel</name>
    <message>
        <source>暖新驿站</source>
        <translation>Warm Station</translation>
    </message>
    <message>
        <source>快递员、外卖骑手、网约车司机：先勾选用到的服务，再点平台，一次点击登记一人。</source>
        <translation>Couriers, delivery riders, ride-hailing drivers: tick the services used, then click the platform. One click checks in one person.</translation>
    </message>
    <message>
        <source>%1
今日 %2</source>
        <translation>%1
Today %2</translation>
    </message>
    <message>
        <source>登记一位%1（不记录个人信息）</source>
        <translation>Check in one person (%1); no personal data is recorded</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>今日共 %n 人次</source>
        <translation>
            <numerusform>Today: %n visit</numerusform>
            <numerusform>Today: %n visits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuspendedModel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>暂停至</source>
        <translation>Suspended until</translation>
    </message>
</context>
<context>
    <name>TileBoard</name>
    <message>
        <source>空闲 %1</source>
        <translation>Free: %1</translation>
    </message>
    <message>
        <source>充电中 %1</source>
        <translation>Charging: %1</translation>
    </message>
    <message>
        <source>已超时 %1</source>
        <translation>Overdue: %1</translation>
    </message>
    <message>
        <source>故障 %1</source>
        <translation>Broken: %1</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>今日概况</source>
        <translation>Today at a glance</translation>
    </message>
    <message>
        <source>今日到访（人次）</source>
        <translation>Visitors today</translation>
    </message>
    <message>
        <source>在馆人数</source>
        <translation>On site now</translation>
    </message>
    <message>
        <source>接下来的预约</source>
        <translation>Next booking</translation>
    </message>
    <message>
        <source>空闲充电桩 / 插座</source>
        <translation>Free charging points</translation>
    </message>
    <message>
        <source>母婴室</source>
        <translation>Nursing room</translation>
    </message>
    <message>
        <source>今日发放积分</source>
        <translation>Points earned today</translation>
    </message>
    <message>
        <source>今日兑换券</source>
        <translation>Vouchers issued today</translation>
    </message>
    <message>
        <source>报名即将截止</source>
        <translation>Sign-ups closing</translation>
    </message>
    <message>
        <source>每小时到访人次</source>
        <translation>Visitors per hour</translation>
    </message>
    <message>
        <source>今日到访类别</source>
        <translation>Visitors by category</translation>
    </message>
    <message>
        <source>即将开始的预约</source>
        <translation>Coming up</translation>
    </message>
    <message>
        <source>三天内截止报名的项目</source>
        <translation>Sign-ups closing within 3 days</translation>
    </message>
    <message>
        <source>今天还没有到访登记。</source>
        <translation>No visitors yet today.</translation>
    </message>
    <message>
        <source>更新于 %1</source>
        <translation>Updated %1</translation>
    </message>
    <message numerus="yes">
        <source>%n 条登记</source>
        <translation>
            <numerusform>%n check-in</numerusform>
            <numerusform>%n check-ins</numerusform>
        </translation>
    </message>
    <message>
        <source>近%1周同日平均 %2</source>
        <translation>Usual (%1 wk): %2</translation>
    </message>
    <message numerus="yes">
        <source>%n 条登记未签退</source>
        <translation>
            <numerusform>%n not checked out</numerusform>
            <numerusform>%n not checked out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>今日爽约 %n 次</source>
        <translation>
            <numerusform>%n no-show today</numerusform>
            <numerusform>%n no-shows today</numerusform>
        </translation>
    </message>
    <message>
        <source>暂无预约</source>
        <translation>No bookings ahead</translation>
    </message>
    <message>
        <source>充电中 %1 · 超时 %2</source>
        <translation>In use %1 · overdue %2</translation>
    </message>
    <message numerus="yes">
        <source>故障 %n 个</source>
        <translation>
            <numerusform>%n out of order</numerusform>
            <numerusform>%n out of order</numerusform>
        </translation>
    </message>
    <message>
        <source>本基地没有母婴室</source>
        <translation>No nursing room here</translation>
    </message>
    <message>
        <source>上次清洁 %1 %2</source>
        <translation>Cleaned %1 %2</translation>
    </message>
    <message>
        <source>尚无清洁记录</source>
        <translation>No cleaning logged</translation>
    </message>
    <message>
        <source>空闲</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>暂停使用</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>已超时 %1</source>
        <translation>Over by %1</translation>
    </message>
    <message>
        <source>使用中</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>%1 起，预计 %2 结束</source>
        <translation>Since %1, until %2</translation>
    </message>
    <message>
        <source>使用 %1 分</source>
        <translation>%1 spent</translation>
    </message>
    <message numerus="yes">
        <source>核销 %n 张</source>
        <translation>
            <numerusform>%n redeemed</numerusform>
            <numerusform>%n redeemed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 %2 截止，余 %n 名</source>
        <translation>
            <numerusform>%1: closes %2, %n place left</numerusform>
            <numerusform>%1: closes %2, %n places left</numerusform>
        </translation>
    </message>
    <message>
        <source>三天内没有截止的报名</source>
        <translation>None closing in 3 days</translation>
    </message>
    <message numerus="yes">
        <source>%1 截止，余 %n 名</source>
        <translation>
            <numerusform>Closes %1, %n place left</numerusform>
            <numerusform>Closes %1, %n places left</numerusform>
        </translation>
    </message>
    <message>
        <source>%1时</source>
        <translation>%1h</translation>
    </message>
    <message>
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>近 %1 周同日平均</source>
        <translation>Same weekday, last %1 weeks</translation>
    </message>
    <message>
        <source>%1 人次 · %2 次</source>
        <translation>%1 people · %2 visits</translation>
    </message>
    <message>
        <source>明天 %1</source>
        <translation>Tomorrow %1</translation>
    </message>
    <message>
        <source>昨天 %1</source>
        <translation>Yesterday %1</translation>
    </message>
    <message>
        <source>未留姓名</source>
        <translation>no name</translation>
    </message>
    <message>
        <source>%1 人次</source>
        <translation>%1 people</translation>
    </message>
</context>
<context>
    <name>UnitModel</name>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>容纳人数</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>故障：%1</source>
        <translation>Broken: %1</translation>
    </message>
    <message>
        <source>在用</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>到访记录</source>
        <translation>Visit record</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>暖新驿站</source>
        <translation>Warm Station</translation>
    </message>
    <message>
        <source>到达</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>离开</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>（未留姓名）</source>
        <translation>(no name given)</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>已离开</source>
        <translation>Has left</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>VisitLogModel</name>
    <message>
        <source>到达</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>离开</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>点击按此列排序</source>
        <translation>Click to sort by this column</translation>
    </message>
    <message>
        <source>（%1）</source>
        <translation>(%1)</translation>
    </message>
    <message>
        <source>在场</source>
        <translation>On site</translation>
    </message>
    <message>
        <source>%1 闭馆自动</source>
        <translation>%1 auto (closing)</translation>
    </message>
    <message>
        <source>闭馆时仍在场，由系统自动签退</source>
        <translation>Still on site at closing time; checked out automatically</translation>
    </message>
    <message>
        <source>此人的姓名和电话已按保留期限匿名化</source>
        <translation>This person&apos;s name and phone number were anonymized after the retention period</translation>
    </message>
</context>
<context>
    <name>VisitLogPage</name>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>全部事由</source>
        <translation>All purposes</translation>
    </message>
    <message>
        <source>手机号、尾号 4 位或姓名</source>
        <translation>Phone, last 4 digits or name</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>台账日期</source>
        <translation>Register date</translation>
    </message>
    <message>
        <source>导出当日台账 PDF…</source>
        <translation>Export day&apos;s register (PDF)…</translation>
    </message>
    <message>
        <source>导出当日台账 XLSX…</source>
        <translation>Export day&apos;s register (XLSX)…</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 条</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>到访台账-%1</source>
        <translation>visit-register-%1</translation>
    </message>
    <message>
        <source>保存当日台账</source>
        <translation>Save the day&apos;s register</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message numerus="yes">
        <source>已导出 %n 条到访记录到：</source>
        <translation>
            <numerusform>Exported %n visit record to: </numerusform>
            <numerusform>Exported %n visit records to: </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>作废兑换券</source>
        <translation>Void voucher</translation>
    </message>
    <message>
        <source>作废兑换券 %1（%2 %3）：%4 积分退回会员账户，库存恢复，这张券扫码时会显示已作废。作废后不能恢复。</source>
        <translation>Void voucher %1 (%2 %3): %4 points go back to the member, the stock is restored, and a scan of it will say it is void. This cannot be undone.</translation>
    </message>
    <message>
        <source>作废原因(&amp;R)</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>必填，例如：会员改换其他商品</source>
        <translation>Required, e.g. the member chose another reward</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>作废兑换券 %1 并退回 %2 积分吗？
原因：%3</source>
        <translation>Void voucher %1 and refund %2 points?
Reason: %3</translation>
    </message>
    <message>
        <source>确认作废</source>
        <translation>Confirm void</translation>
    </message>
</context>
<context>
    <name>Vouchers</name>
    <message>
        <source>80 mm 小票</source>
        <translation>80 mm receipt</translation>
    </message>
    <message>
        <source>58 mm 小票</source>
        <translation>58 mm receipt</translation>
    </message>
    <message>
        <source>A4 纸（每页 8 张）</source>
        <translation>A4 sheet (8 per page)</translation>
    </message>
    <message>
        <source>积分兑换券</source>
        <translation>Points Voucher</translation>
    </message>
    <message>
        <source>重印</source>
        <translation>REPRINT</translation>
    </message>
    <message>
        <source>兑换商家</source>
        <translation>Merchant</translation>
    </message>
    <message>
        <source>兑换内容</source>
        <translation>Reward</translation>
    </message>
    <message>
        <source>所用积分</source>
        <translation>Points used</translation>
    </message>
    <message>
        <source>{points} 分</source>
        <translation>{points} points</translation>
    </message>
    <message>
        <source>面值</source>
        <translation>Face value</translation>
    </message>
    <message>
        <source>¥{amount}</source>
        <translation>¥{amount}</translation>
    </message>
    <message>
        <source>会员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>券码（扫码失败时手工输入）</source>
        <translation>Code (type it in if the scan fails)</translation>
    </message>
    <message>
        <source>发券日期</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>使用说明</source>
        <translation>Terms</translation>
    </message>
    <message>
        <source>{terms}：{text}</source>
        <translation>{terms}: {text}</translation>
    </message>
    <message>
        <source>凭此券到联盟商家扫码核销，仅限使用一次</source>
        <translation>Scan at the alliance merchant to redeem; valid once only</translation>
    </message>
</context>
<context>
    <name>VouchersModel</name>
    <message>
        <source>券码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>兑换内容</source>
        <translation>Reward</translation>
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
        <source>兑换时间</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message numerus="yes">
        <source>（重印 %n 次）</source>
        <translation>
            <numerusform> (reprinted %n time)</numerusform>
            <numerusform> (reprinted %n times)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 在 %2 核销，经办人 %3</source>
        <translation>Redeemed on %1 at %2 by %3</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>作废原因：%1</source>
        <translation>Reason for voiding: %1</translation>
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
    <message numerus="yes">
        <source>一次最多导出 %n 天，请缩短日期范围。</source>
        <translation>
            <numerusform>At most %n day can be exported at once: shorten the range.</numerusform>
            <numerusform>At most %n days can be exported at once: shorten the range.</numerusform>
        </translation>
    </message>
    <message>
        <source>无法写入 %1：%2。请换一个文件夹，或关闭正在使用此文件的程序。</source>
        <translation>Cannot write %1: %2. Choose another folder, or close the program that has the file open.</translation>
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
        <source>没有会员号为 %1 的会员，请核对会员卡或会员号。</source>
        <translation>No member has the number %1. Please check the member card or the number.</translation>
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
        <source>%1 不开放，不能预约。</source>
        <translation>The base is closed on %1, so it cannot be booked.</translation>
    </message>
    <message>
        <source>%1 不开放（%2），不能预约。</source>
        <translation>The base is closed on %1 (%2), so it cannot be booked.</translation>
    </message>
    <message>
        <source>超出开放时间 %1–%2，请选择开放时间内的时段。</source>
        <translation>Outside the opening hours %1–%2. Choose a time within them.</translation>
    </message>
    <message numerus="yes">
        <source>时间太短：至少 %n 分钟。</source>
        <translation>
            <numerusform>Too short: at least %n minute.</numerusform>
            <numerusform>Too short: at least %n minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>时间太长：最多 %n 分钟。</source>
        <translation>
            <numerusform>Too long: at most %n minute.</numerusform>
            <numerusform>Too long: at most %n minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>开始和结束须对齐 %n 分钟的时段。</source>
        <translation>
            <numerusform>Start and end must fall on the %n-minute time slots.</numerusform>
            <numerusform>Start and end must fall on the %n-minute time slots.</numerusform>
        </translation>
    </message>
    <message>
        <source>不能预约已经过去的时间。</source>
        <translation>A time that has already passed cannot be booked.</translation>
    </message>
    <message numerus="yes">
        <source>只能预约 %n 天以内的时段。</source>
        <translation>
            <numerusform>Bookings can be made at most %n day ahead.</numerusform>
            <numerusform>Bookings can be made at most %n days ahead.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 在 %2–%3 已被预约，请换一个时段或位置。</source>
        <translation>%1 is already booked %2–%3. Choose another time or unit.</translation>
    </message>
    <message numerus="yes">
        <source>超过每日 %n 次的预约限额。</source>
        <translation>
            <numerusform>Over the daily limit of %n booking.</numerusform>
            <numerusform>Over the daily limit of %n bookings.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>超过每日 %n 分钟的预约限额。</source>
        <translation>
            <numerusform>Over the daily booking limit of %n minute.</numerusform>
            <numerusform>Over the daily booking limit of %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>此人因多次预约未到，预约资格暂停至 %1。</source>
        <translation>After repeated no-shows, this person cannot book until %1.</translation>
    </message>
    <message>
        <source>这里的预约需要登记姓名，请先查找或登记此人。</source>
        <translation>Bookings here need a name. Find or register the person first.</translation>
    </message>
    <message numerus="yes">
        <source>人数超过容量（最多 %n 人）。</source>
        <translation>
            <numerusform>More people than the capacity (at most %n person).</numerusform>
            <numerusform>More people than the capacity (at most %n people).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 暂停使用：%2</source>
        <translation>%1 is out of service: %2</translation>
    </message>
    <message>
        <source>这条预约当前是“%1”，不能这样操作，请刷新后再试。</source>
        <translation>This booking is now “%1”, so this cannot be done. Please refresh and try again.</translation>
    </message>
    <message>
        <source>还没到签到时间，%1 起可以签到。</source>
        <translation>Too early to check in: check-in opens at %1.</translation>
    </message>
    <message>
        <source>请先逐项确认电动车充电安全须知。</source>
        <translation>First confirm each item of the e-bike charging safety rules.</translation>
    </message>
    <message>
        <source>%1 正在使用中，请先结束使用再标记故障。</source>
        <translation>%1 is in use. End the use before marking it broken.</translation>
    </message>
    <message>
        <source>%1 当前没有人在使用，请刷新后再试。</source>
        <translation>Nobody is using %1 now. Please refresh and try again.</translation>
    </message>
    <message numerus="yes">
        <source>须为 %n 分钟的整数倍。</source>
        <translation>
            <numerusform>Must be a multiple of %n minute.</numerusform>
            <numerusform>Must be a multiple of %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>名称“%1”已被使用（包括已停用的），请换一个。</source>
        <translation>The name “%1” is already in use (disabled ones included); please choose another.</translation>
    </message>
    <message numerus="yes">
        <source>%1 还有 %n 个未结束的预约，请先取消或改约后再停用。</source>
        <translation>
            <numerusform>%1 still has %n open booking. Cancel or move it before disabling.</numerusform>
            <numerusform>%1 still has %n open bookings. Cancel or move them before disabling.</numerusform>
        </translation>
    </message>
    <message>
        <source>此人还不是红色积分会员，请先加入红色积分。</source>
        <translation>This person is not a Red Points member yet. Let them join first.</translation>
    </message>
    <message>
        <source>%1 还不是红色积分会员，请先加入红色积分。</source>
        <translation>%1 is not a Red Points member yet. Let them join first.</translation>
    </message>
    <message>
        <source>此人已是红色积分会员（会员号 %1），请直接查找。</source>
        <translation>This person is already a Red Points member (member no. %1). Just look them up.</translation>
    </message>
    <message>
        <source>积分不足：当前余额 %1，需要 %2。余额不会变成负数。</source>
        <translation>Not enough points: the balance is %1, this needs %2. A balance never goes below zero.</translation>
    </message>
    <message>
        <source>超过每月积分上限 %1：本月已获得 %2。请下月再记，或请管理员调整上限。</source>
        <translation>Over the monthly cap of %1 points: %2 already earned this month. Record it next month, or ask an administrator to change the cap.</translation>
    </message>
    <message>
        <source>超过每日积分上限 %1：今天已获得 %2。请明天再记，或请管理员调整上限。</source>
        <translation>Over the daily cap of %1 points: %2 already earned today. Record it tomorrow, or ask an administrator to change the cap.</translation>
    </message>
    <message>
        <source>这条流水已经冲正过，不能再冲正一次。</source>
        <translation>This entry has already been reversed; it cannot be reversed again.</translation>
    </message>
    <message>
        <source>冲正记录本身不能再冲正。如需更正，请做一次积分调整。</source>
        <translation>A reversal cannot itself be reversed. To correct it, make a points adjustment.</translation>
    </message>
    <message>
        <source>这次提交与已记账的另一笔变动重复，未再记账。请关闭窗口后重新操作。</source>
        <translation>This submission repeats a different change already recorded; nothing was recorded. Close the window and start again.</translation>
    </message>
    <message>
        <source>该项目当前“%1”，不接受认领。</source>
        <translation>This project is “%1” and takes no claims.</translation>
    </message>
    <message>
        <source>报名已于 %1 截止，不能再认领。</source>
        <translation>Sign-up closed at %1; it can no longer be claimed.</translation>
    </message>
    <message numerus="yes">
        <source>名额已满（共 %n 个），不能再认领。</source>
        <translation>
            <numerusform>All %n place is taken; it can no longer be claimed.</numerusform>
            <numerusform>All %n places are taken; it can no longer be claimed.</numerusform>
        </translation>
    </message>
    <message>
        <source>此人已经认领了这个项目。</source>
        <translation>This person has already claimed this project.</translation>
    </message>
    <message>
        <source>此人没有认领这个项目，不能登记完成。</source>
        <translation>This person did not claim this project, so its completion cannot be recorded.</translation>
    </message>
    <message>
        <source>%1 没有认领这个项目，不能登记完成。</source>
        <translation>%1 did not claim this project, so its completion cannot be recorded.</translation>
    </message>
    <message>
        <source>这条认领当前是“%1”，不能这样操作，请刷新后再试。</source>
        <translation>This claim is “%1” and cannot be changed like this. Please refresh and try again.</translation>
    </message>
    <message>
        <source>项目已经开始，不能再取消认领；没来的请登记为缺席。</source>
        <translation>The project has started: claims can no longer be cancelled. Mark those who did not come as absent.</translation>
    </message>
    <message>
        <source>项目 %1 才开始，开始后才能核验完成或登记缺席。</source>
        <translation>The project starts at %1; work is verified and absence marked only after the start.</translation>
    </message>
    <message>
        <source>报名截止不能晚于项目结束。</source>
        <translation>Sign-up cannot close after the project ends.</translation>
    </message>
    <message>
        <source>积分只能选一种算法：每次固定积分，或按小时计。</source>
        <translation>Choose one way of counting points: fixed points each time, or by the hour.</translation>
    </message>
    <message numerus="yes">
        <source>已有 %n 人认领，名额不能少于认领人数。</source>
        <translation>
            <numerusform>%n person has claimed it: the places cannot be fewer than the claims.</numerusform>
            <numerusform>%n people have claimed it: the places cannot be fewer than the claims.</numerusform>
        </translation>
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
        <source>日期不能晚于今天（%1）。</source>
        <translation>The date cannot be later than today (%1).</translation>
    </message>
    <message>
        <source>请填写 11 位手机号，或带区号的固定电话，例如 0755-12345678（只用数字、空格和短横线）。</source>
        <translation>Enter an 11-digit mobile number, or a landline with its area code such as 0755-12345678 (digits, spaces and dashes only).</translation>
    </message>
    <message>
        <source>请填写以元为单位的金额，最多两位小数，例如 10 或 9.90；没有面值请留空。</source>
        <translation>Enter an amount in yuan with at most two decimals, such as 10 or 9.90; leave it empty for no face value.</translation>
    </message>
    <message>
        <source>库存刚被其他前台改为不限，未保存。请查看后再修改。</source>
        <translation>Another desk has just made the stock unlimited; nothing was saved. Check it and edit again.</translation>
    </message>
    <message>
        <source>库存刚被其他前台改变（现在剩 %1），未保存。请查看后再修改，或用“补货”增加。</source>
        <translation>Another desk has just changed the stock (%1 left now); nothing was saved. Check it and edit again, or use Restock to add to it.</translation>
    </message>
    <message>
        <source>这个兑换项目不限库存，不需要补货。</source>
        <translation>This reward has unlimited stock: there is nothing to restock.</translation>
    </message>
    <message>
        <source>%1 已暂停参加积分兑换，暂不能兑换它的项目。</source>
        <translation>%1 has paused its part in the points exchange: its rewards cannot be exchanged for now.</translation>
    </message>
    <message>
        <source>“%1”已下架，暂不能兑换。请选择其他兑换项目。</source>
        <translation>&quot;%1&quot; is withdrawn and cannot be exchanged for now. Choose another reward.</translation>
    </message>
    <message>
        <source>“%1”已兑完，请选择其他兑换项目。</source>
        <translation>&quot;%1&quot; is out of stock. Choose another reward.</translation>
    </message>
    <message numerus="yes">
        <source>“%1”每位会员每月限兑 %n 次，本月已达上限，下月再来兑换。</source>
        <translation>
            <numerusform>&quot;%1&quot; is limited to %n per member a month and this month&apos;s is taken; come back next month.</numerusform>
            <numerusform>&quot;%1&quot; is limited to %n per member a month and this month&apos;s are taken; come back next month.</numerusform>
        </translation>
    </message>
    <message>
        <source>这张兑换券当前“%1”，不能再重印或作废。请刷新后再看。</source>
        <translation>This voucher is now &quot;%1&quot;: it can no longer be reprinted or voided. Refresh to see it as it is.</translation>
    </message>
    <message>
        <source>%1 在这段时间没有待结算的核销记录。</source>
        <translation>%1 has no unsettled redemptions in this period.</translation>
    </message>
    <message>
        <source>券码里不会有“%1”（券码不用 0、O、1、I、L），请核对后重新输入，或扫描二维码。</source>
        <translation>Voucher codes never contain &quot;%1&quot; (codes do not use 0, O, 1, I, L). Check it and type it again, or scan the QR code.</translation>
    </message>
    <message>
        <source>券码是 8 位字母和数字（例如 HY7K-3M9Q），请核对后重新输入，或扫描二维码。</source>
        <translation>A voucher code has 8 letters and digits (e.g. HY7K-3M9Q). Check it and type it again, or scan the QR code.</translation>
    </message>
    <message>
        <source>这不是兑换券的券码，请核对后重新输入，或扫描二维码。</source>
        <translation>This is not a voucher code. Check it and type it again, or scan the QR code.</translation>
    </message>
    <message>
        <source>券码有一位输错了（或两位颠倒了），请对照兑换券重新输入，或扫描二维码。</source>
        <translation>One character of the code is wrong (or two are swapped). Type it again from the voucher, or scan the QR code.</translation>
    </message>
    <message>
        <source>这不是兑换券的二维码。请扫描兑换券上的二维码，或输入券码。</source>
        <translation>This is not a voucher&apos;s QR code. Scan the QR code on the voucher, or type its code.</translation>
    </message>
    <message>
        <source>这张兑换券由更新版本的前台程序生成，本程序读不懂。请先升级本程序。</source>
        <translation>This voucher was made by a newer version of the desk program and cannot be read here. Update this program first.</translation>
    </message>
    <message>
        <source>这张兑换券的签名密钥（%1）本机不认识：可能不是本基地发的券，或本机还没有导入密钥。请勿兑换，请管理员核实。</source>
        <translation>This PC does not know the key the voucher was signed with (%1): it may not be from this base, or the key was not imported here. Do not hand over the reward; ask an administrator to check.</translation>
    </message>
    <message>
        <source>兑换券的签名不符：二维码被改动过或是伪造的。请勿兑换。</source>
        <translation>The voucher&apos;s signature does not match: the QR code was altered or forged. Do not hand over the reward.</translation>
    </message>
    <message>
        <source>这台电脑只有验券用的公钥，不能发券。请在持有签名密钥的前台兑换，或请管理员导入签名密钥。</source>
        <translation>This PC holds only the public key that checks vouchers and cannot issue them. Exchange at a desk that holds the signing key, or ask an administrator to import it.</translation>
    </message>
    <message>
        <source>密钥包已损坏或不是前台的密钥包，未导入任何密钥。</source>
        <translation>The key file is damaged or not a desk key file; no key was imported.</translation>
    </message>
    <message>
        <source>密钥 %1 与本机已有的同名密钥不同，未导入任何密钥。请核对密钥包的来源。</source>
        <translation>Key %1 differs from the key of the same name on this PC; no key was imported. Check where the key file came from.</translation>
    </message>
    <message>
        <source>密钥 %1 正在签发新的兑换券，不能删除。请先更换密钥。</source>
        <translation>Key %1 signs new vouchers and cannot be removed. Rotate the key first.</translation>
    </message>
    <message>
        <source>签名密钥用口令加密，请输入口令。</source>
        <translation>The signing key is sealed with a passphrase: please enter it.</translation>
    </message>
    <message>
        <source>口令至少要 %1 个字符，不能含控制字符。</source>
        <translation>The passphrase needs at least %1 characters and no control characters.</translation>
    </message>
    <message>
        <source>口令不对（或密钥包被改动过），未导入任何密钥。</source>
        <translation>Wrong passphrase (or the key bundle was altered); no key was imported.</translation>
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
        <source>这不是有效的会员卡，请重新扫描，或输入卡上的会员号。</source>
        <translation>This is not a valid member card. Please scan it again, or type the member number printed on it.</translation>
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
        <source>{base} {register}</source>
        <translation>{base} {register}</translation>
    </message>
    <message>
        <source>日期：{start} 至 {end}</source>
        <translation>Dates: {start} to {end}</translation>
    </message>
    <message>
        <source>打印时间：{time}</source>
        <translation>Printed: {time}</translation>
    </message>
    <message>
        <source>此期间没有记录。</source>
        <translation>No records in this period.</translation>
    </message>
    <message>
        <source>预约台账</source>
        <translation>Booking register</translation>
    </message>
    <message>
        <source>预约记录</source>
        <translation>Bookings</translation>
    </message>
    <message>
        <source>设施</source>
        <translation>Facility</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>取消原因</source>
        <translation>Cancel reason</translation>
    </message>
    <message>
        <source>签到时间</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <source>（已匿名化）</source>
        <translation>(anonymised)</translation>
    </message>
    <message>
        <source>合计：{count} 条预约，{people} 人次，{minutes} 分钟；已完成 {completed} 条，已取消 {cancelled} 条，未到 {no_show} 条</source>
        <translation>Total: {count} bookings, {people} people, {minutes} minutes; {completed} completed, {cancelled} cancelled, {no_show} no-shows</translation>
    </message>
    <message>
        <source>充电台账</source>
        <translation>Charging register</translation>
    </message>
    <message>
        <source>充电记录</source>
        <translation>Charging sessions</translation>
    </message>
    <message>
        <source>充电位</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>预计结束</source>
        <translation>Planned end</translation>
    </message>
    <message>
        <source>安全检查</source>
        <translation>Safety check</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>已勾选</source>
        <translation>Ticked</translation>
    </message>
    <message>
        <source>未勾选</source>
        <translation>Not ticked</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>合计：{count} 次充电，已结束 {stopped} 次，共 {minutes} 分钟；超时 {overdue} 次</source>
        <translation>Total: {count} sessions, {stopped} ended, {minutes} minutes; {overdue} overdue</translation>
    </message>
    <message>
        <source>积分流水台账</source>
        <translation>Points ledger</translation>
    </message>
    <message>
        <source>积分流水</source>
        <translation>Points entries</translation>
    </message>
    <message>
        <source>流水号</source>
        <translation>Entry no.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>会员号</source>
        <translation>Member no.</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>余额</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>关联</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <source>项目：{title}</source>
        <translation>Project: {title}</translation>
    </message>
    <message>
        <source>兑换券 {code}</source>
        <translation>Voucher {code}</translation>
    </message>
    <message>
        <source>冲正第 {number} 号</source>
        <translation>Reverses no. {number}</translation>
    </message>
    <message>
        <source>合计：{count} 条流水；获得 {earned}，兑换 {spent}，退还 {refunded}，调整 {adjusted}，冲正 {reversed}，过期 {expired}；净变动 {net}</source>
        <translation>Total: {count} entries; earned {earned}, exchanged {spent}, refunded {refunded}, adjusted {adjusted}, reversed {reversed}, expired {expired}; net change {net}</translation>
    </message>
    <message>
        <source>兑换券台账</source>
        <translation>Voucher register</translation>
    </message>
    <message>
        <source>兑换券</source>
        <translation>Vouchers</translation>
    </message>
    <message>
        <source>券码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>兑换项目</source>
        <translation>Reward</translation>
    </message>
    <message>
        <source>面值（元）</source>
        <translation>Face value (yuan)</translation>
    </message>
    <message>
        <source>发券时间</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>核销时间</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <source>核销人</source>
        <translation>Redeemed by</translation>
    </message>
    <message>
        <source>作废/过期时间</source>
        <translation>Voided / expired</translation>
    </message>
    <message>
        <source>作废原因</source>
        <translation>Void reason</translation>
    </message>
    <message>
        <source>结算单号</source>
        <translation>Statement no.</translation>
    </message>
    <message>
        <source>合计：{count} 张兑换券，{points} 积分，面值 {value} 元；已核销 {redeemed} 张，未使用 {issued} 张，已作废 {void} 张，已过期 {expired} 张</source>
        <translation>Total: {count} vouchers, {points} points, face value {value} yuan; {redeemed} redeemed, {issued} unused, {void} voided, {expired} expired</translation>
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
        <translation>Meeting/event</translation>
    </message>
    <message>
        <source>办事咨询</source>
        <translation>Enquiry</translation>
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
        <translation>Other</translation>
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
    <message>
        <source>已预约</source>
        <translation>Booked</translation>
    </message>
    <message>
        <source>已签到</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Canceled</translation>
    </message>
    <message>
        <source>{base} 工作日报</source>
        <translation>{base} — daily report</translation>
    </message>
    <message>
        <source>{base} 工作周报</source>
        <translation>{base} — weekly report</translation>
    </message>
    <message>
        <source>{base} 工作月报</source>
        <translation>{base} — monthly report</translation>
    </message>
    <message>
        <source>{base} 工作季报</source>
        <translation>{base} — quarterly report</translation>
    </message>
    <message>
        <source>{base} 工作年报</source>
        <translation>{base} — annual report</translation>
    </message>
    <message>
        <source>{base} 工作报表</source>
        <translation>{base} — report</translation>
    </message>
    <message>
        <source>{year}年{month}月</source>
        <translation>{year}-{month:02d}</translation>
    </message>
    <message>
        <source>{year}年第{quarter}季度</source>
        <translation>Q{quarter} {year}</translation>
    </message>
    <message>
        <source>{year}年</source>
        <translation>{year}</translation>
    </message>
    <message>
        <source>{start} 至 {end}</source>
        <translation>{start} to {end}</translation>
    </message>
    <message>
        <source>本期概况</source>
        <translation>This period at a glance</translation>
    </message>
    <message>
        <source>较上期 ↑ {percent}</source>
        <translation>↑ {percent} on the previous period</translation>
    </message>
    <message>
        <source>较上期 ↓ {percent}</source>
        <translation>↓ {percent} on the previous period</translation>
    </message>
    <message>
        <source>与上期持平</source>
        <translation>Same as the previous period</translation>
    </message>
    <message>
        <source>上期为 0</source>
        <translation>Previous period was 0</translation>
    </message>
    <message>
        <source>生成时间：{at}</source>
        <translation>Generated: {at}</translation>
    </message>
    <message>
        <source>无上期数据</source>
        <translation>No previous period</translation>
    </message>
    <message>
        <source>概况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>本期</source>
        <translation>This period</translation>
    </message>
    <message>
        <source>上期</source>
        <translation>Previous period</translation>
    </message>
    <message>
        <source>变化（%）</source>
        <translation>Change (%)</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>基地</source>
        <translation>Base</translation>
    </message>
    <message>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>上期期间</source>
        <translation>Previous period</translation>
    </message>
    <message>
        <source>生成时间</source>
        <translation>Generated</translation>
    </message>
    <message>
        <source>{year}年第{week}周（{start} 至 {end}）</source>
        <translation>Week {week} of {year} ({start} to {end})</translation>
    </message>
    <message>
        <source>本期无记录</source>
        <translation>No records in this period</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>到访人次</source>
        <translation>Visitors (people)</translation>
    </message>
    <message>
        <source>服务人数</source>
        <translation>People served</translation>
    </message>
    <message>
        <source>预约次数</source>
        <translation>Bookings</translation>
    </message>
    <message>
        <source>设施使用率</source>
        <translation>Facility use</translation>
    </message>
    <message>
        <source>充电次数</source>
        <translation>Charging sessions</translation>
    </message>
    <message>
        <source>举办项目</source>
        <translation>Projects held</translation>
    </message>
    <message>
        <source>项目认领</source>
        <translation>Project claims</translation>
    </message>
    <message>
        <source>项目完成</source>
        <translation>Projects completed</translation>
    </message>
    <message>
        <source>积分发放</source>
        <translation>Points earned</translation>
    </message>
    <message>
        <source>积分消费</source>
        <translation>Points spent</translation>
    </message>
    <message>
        <source>兑换券发放</source>
        <translation>Vouchers issued</translation>
    </message>
    <message>
        <source>兑换券核销</source>
        <translation>Vouchers redeemed</translation>
    </message>
    <message>
        <source>服务商户数</source>
        <translation>Merchants served</translation>
    </message>
    <message>
        <source>人次</source>
        <translation>people</translation>
    </message>
    <message>
        <source>人</source>
        <translation>people</translation>
    </message>
    <message>
        <source>次</source>
        <translation>times</translation>
    </message>
    <message>
        <source>个</source>
        <translation>projects</translation>
    </message>
    <message>
        <source>分</source>
        <translation>pts</translation>
    </message>
    <message>
        <source>张</source>
        <translation>vouchers</translation>
    </message>
    <message>
        <source>家</source>
        <translation>merchants</translation>
    </message>
    <message>
        <source>小时</source>
        <translation>h</translation>
    </message>
    <message>
        <source>到访情况</source>
        <translation>Visitors</translation>
    </message>
    <message>
        <source>到访人次为每次登记的人数之和；服务人数为登记了身份的不同人数，匿名登记和驿站快递员不计在内。日期和时段按本基地当地时间。</source>
        <translation>Visitors (people) is the sum of the party sizes of all check-ins; people served counts different registered people — anonymous check-ins and station couriers are not included. Days and hours are the base&apos;s local time.</translation>
    </message>
    <message>
        <source>按人员类别</source>
        <translation>By category</translation>
    </message>
    <message>
        <source>按来访事由</source>
        <translation>By purpose</translation>
    </message>
    <message>
        <source>按日</source>
        <translation>By day</translation>
    </message>
    <message>
        <source>按月</source>
        <translation>By month</translation>
    </message>
    <message>
        <source>按时段</source>
        <translation>By hour</translation>
    </message>
    <message>
        <source>每日到访人次</source>
        <translation>Visitors per day</translation>
    </message>
    <message>
        <source>每月到访人次</source>
        <translation>Visitors per month</translation>
    </message>
    <message>
        <source>各时段到访人次</source>
        <translation>Visitors by hour of day</translation>
    </message>
    <message>
        <source>人员类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>来访事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>时段</source>
        <translation>Hour</translation>
    </message>
    <message>
        <source>{hour}时</source>
        <translation>{hour}:00</translation>
    </message>
    <message>
        <source>到访次数</source>
        <translation>Check-ins</translation>
    </message>
    <message>
        <source>人次占比（%）</source>
        <translation>Share of people (%)</translation>
    </message>
    <message>
        <source>暖新驿站</source>
        <translation>Warm Station</translation>
    </message>
    <message>
        <source>新就业群体（快递员、外卖骑手、网约车司机）在暖新驿站的到访，按所属平台；各项服务为使用该服务的到访次数。</source>
        <translation>Visits of gig workers (couriers, delivery riders, ride-hailing drivers) at the Warm Station, by platform; each service column counts the visits that used it.</translation>
    </message>
    <message>
        <source>按平台</source>
        <translation>By platform</translation>
    </message>
    <message>
        <source>各平台到访次数</source>
        <translation>Check-ins by platform</translation>
    </message>
    <message>
        <source>设施使用</source>
        <translation>Facility use</translation>
    </message>
    <message>
        <source>使用率 = 预约时长 ÷ 开放时长。预约时长为已预约、已签到和已完成的预约落在本期的时长；开放时长为各日开放时间（闭馆日、法定节假日不计）乘以在用位置数。未到率 = 未到 ÷ 应到（已签到、已完成和未到）。</source>
        <translation>Use = hours booked ÷ hours open. Hours booked are the hours of booked, checked-in and completed bookings within the period; hours open are each day&apos;s opening hours (closed days and public holidays excluded) times the units in service. No-show rate = no-shows ÷ bookings due (checked in, completed and no-shows).</translation>
    </message>
    <message>
        <source>预约时长分布（小时，按星期和时段）</source>
        <translation>Hours booked by weekday and hour</translation>
    </message>
    <message>
        <source>充电服务</source>
        <translation>Charging</translation>
    </message>
    <message>
        <source>位置数</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>开放时长（小时）</source>
        <translation>Hours open</translation>
    </message>
    <message>
        <source>预约时长（小时）</source>
        <translation>Hours booked</translation>
    </message>
    <message>
        <source>使用率（%）</source>
        <translation>Use (%)</translation>
    </message>
    <message>
        <source>应到</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>未到</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>未到率（%）</source>
        <translation>No-show rate (%)</translation>
    </message>
    <message>
        <source>平均时长（分钟）</source>
        <translation>Average length (min)</translation>
    </message>
    <message>
        <source>服务项目</source>
        <translation>Service projects</translation>
    </message>
    <message>
        <source>本期开始的服务项目；认领为占用名额的认领（已认领、已完成、未到）。</source>
        <translation>Service projects starting in the period; claims are those holding a place (claimed, completed, absent).</translation>
    </message>
    <message>
        <source>按项目类型</source>
        <translation>By project type</translation>
    </message>
    <message>
        <source>项目类型</source>
        <translation>Project type</translation>
    </message>
    <message>
        <source>项目数</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>名额</source>
        <translation>Places</translation>
    </message>
    <message>
        <source>认领</source>
        <translation>Claims</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>红色积分</source>
        <translation>Red points</translation>
    </message>
    <message>
        <source>本期的积分流水，按会员加入时所在的基地统计；兑换、过期为负数。积分消费 = 兑换 − 退还。</source>
        <translation>Points entries of the period, counted at the base where each member joined; exchanges and expiries are negative. Points spent = exchanged − refunded.</translation>
    </message>
    <message>
        <source>按流水类型</source>
        <translation>By entry kind</translation>
    </message>
    <message>
        <source>流水类型</source>
        <translation>Entry kind</translation>
    </message>
    <message>
        <source>笔数</source>
        <translation>Entries</translation>
    </message>
    <message>
        <source>本基地发放的兑换券，发放、核销、作废和过期各按发生的时间计入本期。</source>
        <translation>Vouchers issued by this base; issues, redemptions, voids and expiries each count in the period in which they happened.</translation>
    </message>
    <message>
        <source>按联盟商家</source>
        <translation>By alliance merchant</translation>
    </message>
    <message>
        <source>兑换最多的项目</source>
        <translation>Top rewards</translation>
    </message>
    <message>
        <source>发放（张）</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>发放积分</source>
        <translation>Points (issued)</translation>
    </message>
    <message>
        <source>发放面值（元）</source>
        <translation>Face value issued (yuan)</translation>
    </message>
    <message>
        <source>核销（张）</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <source>核销积分</source>
        <translation>Points (redeemed)</translation>
    </message>
    <message>
        <source>核销面值（元）</source>
        <translation>Face value redeemed (yuan)</translation>
    </message>
    <message>
        <source>作废（张）</source>
        <translation>Voided</translation>
    </message>
    <message>
        <source>过期（张）</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>排名</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>周一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>周二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>周三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>周四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>周五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>周六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>周日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>获得</source>
        <translation>Earned</translation>
    </message>
    <message>
        <source>兑换</source>
        <translation>Exchanged</translation>
    </message>
    <message>
        <source>退还</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>调整</source>
        <translation>Adjusted</translation>
    </message>
    <message>
        <source>过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>冲正</source>
        <translation>Reversal</translation>
    </message>
    <message>
        <source>志愿服务</source>
        <translation>Volunteering</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>网格上报</source>
        <translation>Grid report</translation>
    </message>
    <message>
        <source>报名中</source>
        <translation>Open for sign-up</translation>
    </message>
    <message>
        <source>已截止报名</source>
        <translation>Sign-up closed</translation>
    </message>
    <message>
        <source>已结束</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>已认领</source>
        <translation>Claimed</translation>
    </message>
    <message>
        <source>缺席</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>到访登记台账</source>
        <translation>Visit register</translation>
    </message>
    <message>
        <source>日期：{day}</source>
        <translation>Date: {day}</translation>
    </message>
    <message>
        <source>共 {visits} 条登记，合计 {people} 人次</source>
        <translation>{visits} entries, {people} people in total</translation>
    </message>
    <message>
        <source>当日没有到访登记。</source>
        <translation>No visits were registered that day.</translation>
    </message>
    <message>
        <source>第 {page} 页，共 {pages} 页</source>
        <translation>Page {page} of {pages}</translation>
    </message>
    <message>
        <source>（{what}）</source>
        <translation>({what})</translation>
    </message>
    <message>
        <source>{name} 等 {count} 人</source>
        <translation>{name} (party of {count})</translation>
    </message>
    <message>
        <source>{time} 自动</source>
        <translation>{time} auto</translation>
    </message>
    <message>
        <source>到访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>到达</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>离开</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>时长（分钟）</source>
        <translation>Duration (min)</translation>
    </message>
    <message>
        <source>离开方式</source>
        <translation>Check-out</translation>
    </message>
    <message>
        <source>驿站服务</source>
        <translation>Station services</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>手动</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>闭馆自动</source>
        <translation>Automatic at closing</translation>
    </message>
    <message>
        <source>元旦</source>
        <translation>New Year&apos;s Day</translation>
    </message>
    <message>
        <source>春节</source>
        <translation>Spring Festival</translation>
    </message>
    <message>
        <source>清明节</source>
        <translation>Qingming Festival</translation>
    </message>
    <message>
        <source>劳动节</source>
        <translation>Labor Day</translation>
    </message>
    <message>
        <source>端午节</source>
        <translation>Dragon Boat Festival</translation>
    </message>
    <message>
        <source>国庆节</source>
        <translation>National Day</translation>
    </message>
    <message>
        <source>中秋节</source>
        <translation>Mid-Autumn Festival</translation>
    </message>
    <message>
        <source>抗战胜利纪念日</source>
        <translation>Victory Day</translation>
    </message>
    <message>
        <source>未使用</source>
        <translation>Unused</translation>
    </message>
    <message>
        <source>已核销</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <source>已作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>已过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>核销成功</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <source>此券已核销过</source>
        <translation>Already redeemed</translation>
    </message>
    <message>
        <source>此券已过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>此券已作废</source>
        <translation>Voided</translation>
    </message>
    <message>
        <source>不是本店的兑换券</source>
        <translation>Not this merchant&apos;s voucher</translation>
    </message>
    <message>
        <source>不是有效的兑换券</source>
        <translation>Not a genuine voucher</translation>
    </message>
    <message>
        <source>券码有一位输错了</source>
        <translation>A character of the code is wrong</translation>
    </message>
    <message>
        <source>可以核销</source>
        <translation>Can be redeemed</translation>
    </message>
</context>
</TS>
