from . import account_payment_register
from . import product_change_request_wizard
