from . import session_booking_wizard
