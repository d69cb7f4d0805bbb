from . import revenue_share_settle_wizard
