from . import res_config_settings
from . import res_users
from . import product_template
from . import session_slot
from . import sale_order
from . import sale_order_line
from . import session_booking
from . import calendar_event
