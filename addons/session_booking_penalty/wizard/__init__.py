from . import session_penalty_waive_wizard
