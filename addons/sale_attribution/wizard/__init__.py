from . import sale_attribution_check
