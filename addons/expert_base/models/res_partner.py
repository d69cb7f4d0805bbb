from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _ownership_domain(self, path="partner_id.commercial_partner_id"):
        """Domain of the records owned by this partner's commercial entity.

        ``path`` leads from the searched model to a commercial partner
        (``commercial_partner_id`` where the model stores it). A client owns
        the records of its commercial partner: its company and every contact
        of it, as Odoo's portal rules say (``child_of``).
        """
        commercial = self.commercial_partner_id
        commercial.ensure_one()
        return [(path, "=", commercial.id)]
