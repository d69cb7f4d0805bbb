from odoo import api, models


def _referenced_ids(field, value):
    """The ids a create/write value links to a relational field (commands
    that remove a link, or create a new record, link nothing existing)."""
    if isinstance(value, models.BaseModel):
        return value.ids
    if field.type == "many2one":
        return [value] if isinstance(value, int) and not isinstance(value, bool) else []
    ids = []
    for command in value if isinstance(value, list | tuple) else []:
        if isinstance(command, int) and not isinstance(command, bool):
            ids.append(command)
        elif isinstance(command, list | tuple) and command:
            if command[0] in (1, 4) and len(command) > 1:  # UPDATE, LINK
                ids.append(command[1])
            elif command[0] == 6 and len(command) > 2:  # SET
                ids.extend(command[2] or [])
    return [id_ for id_ in ids if isinstance(id_, int) and not isinstance(id_, bool)]


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model_create_multi
    def create(self, vals_list):
        self._check_expert_partner_references(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_expert_partner_references([vals])
        return super().write(vals)

    @api.model
    def _check_expert_partner_references(self, vals_list):
        """A restricted expert names only partners it may read, on any record
        (an order's customer, a meeting's attendees, a contact's company, a
        chat's members): see ``res.partner._check_expert_may_use``."""
        if self.env.su:
            return
        partner_ids = []
        for vals in vals_list:
            for name, value in vals.items():
                field = self._fields.get(name)
                if value and field is not None and field.comodel_name == "res.partner":
                    partner_ids += _referenced_ids(field, value)
        if partner_ids:
            self.env["res.partner"]._check_expert_may_use(partner_ids)

    def _expert_window_action(self, xmlid, domain, context=None):
        """The window action ``xmlid`` on the records of ``domain``, opened
        with ``context`` (``default_*`` values for the records created from
        it): what the smart buttons open."""
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain
        action["context"] = context or {}
        return action
