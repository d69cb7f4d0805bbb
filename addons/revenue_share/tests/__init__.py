from . import test_revenue_share_line
from . import test_settlement
from . import test_settlement_concurrency
from . import test_stripe_payout
from . import test_access
from . import test_performance
from . import test_demo
