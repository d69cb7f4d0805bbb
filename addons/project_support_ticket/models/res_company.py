from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    support_project_id = fields.Many2one(
        "project.project",
        string="Support Project",
        domain="[('company_id', 'in', (False, id))]",
        help="Project where the clients' support tickets are created.",
    )
    support_user_ids = fields.Many2many(
        "res.users",
        "res_company_support_user_rel",
        "company_id",
        "user_id",
        string="Support Team",
        domain="[('share', '=', False)]",
        help="Assigned to the tickets that concern no order or session of an expert.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._support_flag_projects()
        return companies

    def write(self, vals):
        res = super().write(vals)
        if vals.get("support_project_id"):
            self._support_flag_projects()
        return res

    def _support_flag_projects(self):
        """The project chosen as support project holds tickets from now on."""
        projects = self.support_project_id.filtered(lambda project: not project.is_support_project)
        if projects:
            projects.sudo().is_support_project = True
