from . import test_penalty_share
from . import test_revenue_never_drifts
