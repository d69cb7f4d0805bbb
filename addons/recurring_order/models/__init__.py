from . import product_template
from . import recurring_order
from . import payment_provider
from . import payment_token
from . import payment_transaction
from . import sale_order
from . import res_config_settings
from . import client_center
