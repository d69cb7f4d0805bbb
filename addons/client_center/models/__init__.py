from . import account_move, client_center, client_center_column, discuss_channel, sale_order
