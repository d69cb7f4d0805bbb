from . import product_change_request_wizard
