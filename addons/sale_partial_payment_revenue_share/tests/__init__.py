from . import test_partial_share, test_stripe_fee
