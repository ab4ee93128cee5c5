"""红色港湾前台 (desk): the front-desk program of a party-and-public service base."""

__version__ = "0.1.0"
APP_NAME = "desk"
