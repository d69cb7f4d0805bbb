from . import res_users
from . import client_goal
from . import client_goal_note
from . import crm_lead
from . import res_config_settings
from . import res_partner
from . import sale_order
from . import session_booking
