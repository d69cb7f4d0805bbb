from . import payment_portal, portal
