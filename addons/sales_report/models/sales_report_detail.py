from urllib.parse import urlencode

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SalesReportColumn(models.Model):
    """A measure column of the detailed report the user may pick for the CSV."""

    _name = "sales.report.column"
    _description = "Orders and Sales Report Column"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, readonly=True)
    sequence = fields.Integer(default=10)

    _sql_constraints = [("code_unique", "unique(code)", "A report column exists once.")]


class SalesReportDetail(models.TransientModel):
    """The detailed report on orders and sales ("more details"): a period
    and a company, one table per axis, each downloadable as CSV."""

    _name = "sales.report.detail"
    _description = "Detailed Report on Orders and Sales"

    date_from = fields.Date(string="From", required=True, default=lambda self: self._default_date_from())
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, domain=lambda self: self._company_domain()
    )
    currency_id = fields.Many2one(
        "res.currency",
        string="Convert to",
        help="Empty: one row per currency (amounts are never added across currencies). "
        "A currency: every payment converted at its date's rate.",
    )
    column_ids = fields.Many2many(
        "sales.report.column",
        string="CSV Columns",
        default=lambda self: self.env["sales.report.column"].search([]),
    )
    line_ids = fields.One2many("sales.report.detail.line", "detail_id")
    provider_line_ids = fields.One2many(
        "sales.report.detail.line", "detail_id", domain=[("axis", "=", "provider")], string="By Payment Provider"
    )
    offer_line_ids = fields.One2many(
        "sales.report.detail.line", "detail_id", domain=[("axis", "=", "offer")], string="By Offer"
    )
    category_line_ids = fields.One2many(
        "sales.report.detail.line", "detail_id", domain=[("axis", "=", "category")], string="By Offer Category"
    )
    manager_line_ids = fields.One2many(
        "sales.report.detail.line", "detail_id", domain=[("axis", "=", "manager")], string="By Sales Manager"
    )
    currency_note = fields.Char(compute="_compute_currency_note")

    def _default_date_from(self):
        return fields.Date.context_today(self).replace(month=1, day=1)

    def _company_domain(self):
        return [("id", "in", self.env.user.company_ids.ids)]

    @api.depends("currency_id", "company_id")
    @api.depends_context("tz", "uid")
    def _compute_currency_note(self):
        zone = self.env["sales.report"]._detail_tz()
        for detail in self:
            amounts = (
                _("Amounts in %s, each payment converted at its date's rate.", detail.currency_id.name)
                if detail.currency_id
                else _("One row per currency: amounts are never added across currencies.")
            )
            detail.currency_note = _("%(amounts)s Days in the %(zone)s time zone.", amounts=amounts, zone=zone)

    @api.depends("date_from", "date_to")
    def _compute_display_name(self):
        for detail in self:
            detail.display_name = _(
                "Detailed Report %(start)s – %(end)s",
                start=detail.date_from and fields.Date.to_string(detail.date_from),
                end=detail.date_to and fields.Date.to_string(detail.date_to),
            )

    @api.model
    def action_open(self):
        """The menu: this year's report of the current company."""
        self.env["sales.report"].check_access_rights("read")
        detail = self.create({})
        detail._compute_lines()
        return {
            "type": "ir.actions.act_window",
            "name": _("Detailed Report on Orders and Sales"),
            "res_model": self._name,
            "res_id": detail.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_refresh(self):
        self._compute_lines()
        return True

    def _compute_lines(self):
        Report = self.env["sales.report"]
        for detail in self:
            detail.line_ids.unlink()
            values = []
            for axis in Report._detail_axes():
                query = Report._detail_query(
                    axis, detail.date_from, detail.date_to, detail.company_id, detail.currency_id
                )
                self.env.cr.execute(query)
                for row in Report._detail_rows(axis, self.env.cr.fetchall()):
                    values.append(
                        {
                            "detail_id": detail.id,
                            "axis": axis,
                            "name": row["name"],
                            "currency_id": row["currency"].id,
                            **{code: row[code] for code in Report._detail_measures()},
                        }
                    )
            self.env["sales.report.detail.line"].create(values)

    def _csv_url(self, axis):
        self.ensure_one()
        if axis not in self.env["sales.report"]._detail_axes():
            raise UserError(_("Choose the table to download."))
        if not self.column_ids:
            raise UserError(_("Pick at least one column for the CSV."))
        params = {
            "axis": axis,
            "date_from": fields.Date.to_string(self.date_from),
            "date_to": fields.Date.to_string(self.date_to),
            "company_id": self.company_id.id,
            "columns": ",".join(self.column_ids.mapped("code")),
        }
        if self.currency_id:
            params["currency_id"] = self.currency_id.id
        return "/sales_report/csv?" + urlencode(params)

    def action_download_csv(self):
        self.ensure_one()
        axis = self.env.context.get("sales_report_axis")
        return {"type": "ir.actions.act_url", "url": self._csv_url(axis), "target": "download"}


class SalesReportDetailLine(models.TransientModel):
    _name = "sales.report.detail.line"
    _description = "Detailed Report on Orders and Sales: Row"
    _order = "amount desc, id"

    detail_id = fields.Many2one("sales.report.detail", required=True, ondelete="cascade", index=True)
    axis = fields.Selection(
        [
            ("provider", "Payment Provider"),
            ("offer", "Offer"),
            ("category", "Offer Category"),
            ("manager", "Sales Manager"),
        ],
        required=True,
    )
    name = fields.Char(readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    orders = fields.Integer(readonly=True)
    payments = fields.Integer(readonly=True)
    amount = fields.Monetary(readonly=True)
    provider_fee = fields.Monetary(string="Provider Fees", readonly=True)
    money_credited = fields.Monetary(readonly=True)
    refunds = fields.Monetary(readonly=True)
    net = fields.Monetary(readonly=True)
    average = fields.Monetary(string="Average Order", readonly=True)
