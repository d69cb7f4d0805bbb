from odoo import api, models, tools

# Apps of the platform that an expert has no business in: installing modules
# (Odoo opens the Apps menu to every employee to "request access") and the
# website's pages, menus and design (the expert's products are under
# Expert Platform > Products).
EXPERT_HIDDEN_MENUS = ("base.menu_management", "website.menu_website_configuration")


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    @api.model
    @tools.ormcache("frozenset(self.env.user.groups_id.ids)", "debug")
    def _visible_menu_ids(self, debug=False):
        # cached per set of groups, as Odoo's: being a restricted expert is a
        # matter of groups
        visible = super()._visible_menu_ids(debug)
        if not self.env.user.is_restricted_expert:
            return visible
        roots = [self.env.ref(xmlid, raise_if_not_found=False) for xmlid in EXPERT_HIDDEN_MENUS]
        roots = [root.id for root in roots if root]
        hidden = self.with_context(**{"ir.ui.menu.full_list": True}).search([("id", "child_of", roots)]).ids
        return frozenset(visible) - set(hidden)
