from . import account_move
from . import base
from . import ir_ui_menu
from . import product_template
from . import res_groups
from . import res_partner
from . import res_users
from . import sale_order
