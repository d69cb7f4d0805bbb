from . import account_payment_register
from . import product_change_request_wizard
from . import account_move_send
