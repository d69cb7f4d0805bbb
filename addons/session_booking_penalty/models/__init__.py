from . import res_company
from . import res_config_settings
from . import session_cancellation_policy
from . import product_template
from . import sale_order_line
from . import sale_order
from . import account_move
from . import session_booking
