from . import test_partial_payment
