from odoo import SUPERUSER_ID, api

from odoo.addons.crm_client_journey.hooks import post_init_hook


def migrate(cr, version):
    """Databases made before client confidentiality: link leads and meetings
    as a new installation does."""
    post_init_hook(api.Environment(cr, SUPERUSER_ID, {}))
