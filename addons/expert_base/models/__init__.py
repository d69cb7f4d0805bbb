# the mixin first: models of this module inherit it
from . import expert_client_mixin
from . import account_move
from . import account_move_line
from . import account_partial_reconcile
from . import account_payment
from . import base
from . import expert_rate_mixin
from . import ir_actions_report
from . import ir_http
from . import ir_ui_menu
from . import product_template
from . import res_company
from . import res_groups
from . import res_partner
from . import res_users
from . import sale_order
from . import sale_order_line
