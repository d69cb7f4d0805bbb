from odoo import api, models


class ExpertClientMixin(models.AbstractModel):
    """Records whose partners become clients of their experts.

    An order of an expert's product, an invoice, a meeting, a lead, a goal:
    creating one, or changing the fields of ``_expert_client_fields``, links
    its partners to its experts (``res.partner._link_client_experts``), which
    expert_base's rule on partners reads. ``_link_client_experts`` says who
    the partners and the experts are.
    """

    _name = "expert.client.mixin"
    _description = "Partners made clients of the record's experts"

    # fields whose change links the record's partners to its experts again
    _expert_client_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._link_client_experts()
        return records

    def write(self, vals):
        res = super().write(vals)
        if not set(self._expert_client_fields).isdisjoint(vals):
            self._link_client_experts()
        return res

    def _link_client_experts(self):
        raise NotImplementedError()
