from . import account_move_line
