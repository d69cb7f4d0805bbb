from . import test_access, test_attribution, test_ui
