from . import res_company
from . import res_config_settings
from . import res_users
from . import product_template
from . import account_move
from . import account_partial_reconcile
from . import revenue_share_line
from . import revenue_share_settlement
