from . import customer_anonymize_wizard, customer_status_wizard
