import csv
import io
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_repr

from odoo.addons.sale_partial_payment.models.sale_order_payment import SaleOrderPayment


class SalesReport(models.Model):
    """Orders and sales at the payment level (a read-only SQL view): every
    confirmed payment and refund of an order, with its offer, category,
    provider or journal, currency, and the sales manager of a checked
    sale. The pivot and graph views and the detailed report read it."""

    _name = "sales.report"
    _description = "Orders and Sales Analysis"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "order_id"
    # flushed before the view is read: the payments' sources, the order's attribution
    _depends = {
        **SaleOrderPayment._depends,
        "sale.order": [
            *SaleOrderPayment._depends["sale.order"],
            "sale_attribution",
            "sales_manager_id",
            "sale_confirmed",
            "recurring_order_id",
        ],
        "product.product": ["product_tmpl_id"],
        "product.template": [*SaleOrderPayment._depends["product.template"], "categ_id"],
    }

    date = fields.Datetime(string="Payment Date", readonly=True)
    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    kind = fields.Selection([("online", "Online"), ("manual", "Manual"), ("refund", "Refund")], readonly=True)
    provider_id = fields.Many2one("payment.provider", string="Payment Provider", readonly=True)
    journal_id = fields.Many2one("account.journal", string="Journal (manual payments)", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    product_id = fields.Many2one("product.product", string="Offer", readonly=True)
    categ_id = fields.Many2one("product.category", string="Offer Category", readonly=True)
    expert_id = fields.Many2one("res.users", string="Expert", readonly=True)
    sale_attribution = fields.Selection(
        [("user", "Sales by User"), ("system", "System Sales")], string="Sale Made By", readonly=True
    )
    sale_confirmed = fields.Boolean(string="Sale Checked", readonly=True)
    sales_manager_id = fields.Many2one(
        "res.users", string="Sales Manager", readonly=True, help="The sales manager of a checked (green) sale."
    )
    recurring = fields.Boolean(string="Recurring Charge", readonly=True)
    payment_count = fields.Integer(string="Payments", readonly=True)
    amount = fields.Monetary(string="Amount Paid", readonly=True)
    provider_fee = fields.Monetary(string="Provider Fees", readonly=True)
    money_credited = fields.Monetary(readonly=True, help="Paid, less the provider's fees.")
    refund_amount = fields.Monetary(string="Refunds", readonly=True)

    @property
    def _table_query(self):
        payments = self.env["sale.order.payment"]._table_query
        # in parentheses: the ORM puts an SQL object as is after FROM
        return SQL(
            """(
            SELECT pay.id,
                   pay.date,
                   pay.order_id,
                   pay.partner_id,
                   pay.company_id,
                   pay.kind,
                   pay.provider_id,
                   pay.journal_id,
                   pay.currency_id,
                   pay.offer_product_id AS product_id,
                   pp_tmpl.categ_id,
                   pay.expert_id,
                   so.sale_attribution,
                   COALESCE(so.sale_confirmed, FALSE) AS sale_confirmed,
                   CASE WHEN so.sale_confirmed AND so.sale_attribution = 'user' THEN so.sales_manager_id END
                       AS sales_manager_id,
                   so.recurring_order_id IS NOT NULL AS recurring,
                   CASE WHEN pay.kind = 'refund' THEN 0 ELSE 1 END AS payment_count,
                   CASE WHEN pay.kind = 'refund' THEN 0 ELSE pay.amount END AS amount,
                   CASE WHEN pay.kind = 'refund' THEN 0 ELSE pay.provider_fee END AS provider_fee,
                   CASE WHEN pay.kind = 'refund' THEN 0 ELSE pay.money_credited END AS money_credited,
                   CASE WHEN pay.kind = 'refund' THEN ABS(pay.amount) ELSE 0 END AS refund_amount
              FROM (%s) pay
              JOIN sale_order so ON so.id = pay.order_id
         LEFT JOIN product_product pp ON pp.id = pay.offer_product_id
         LEFT JOIN product_template pp_tmpl ON pp_tmpl.id = pp.product_tmpl_id
             WHERE pay.state = 'done'
            )""",
            SQL(payments),
        )

    # ------------------------------------------------------------------
    # The detailed report: one table per axis
    # ------------------------------------------------------------------

    def _detail_axes(self):
        """axis: (label, the row key columns of ``sales.report``, the model
        of its first key)"""
        return {
            "provider": (_("By Payment Provider and Currency"), ("provider_id", "journal_id"), "payment.provider"),
            "offer": (_("By Offer"), ("product_id",), "product.product"),
            "category": (_("By Offer Category"), ("categ_id",), "product.category"),
            "manager": (_("By Sales Manager"), ("sales_manager_id",), "res.users"),
        }

    def _detail_measures(self):
        """code: (column title, SQL aggregate over ``rows``, converted amounts in
        ``rows``: amount, provider_fee, money_credited, refund_amount)"""
        return {
            "orders": (_("Orders"), "COUNT(DISTINCT rows.order_id) FILTER (WHERE rows.kind != 'refund')"),
            "payments": (_("Payments"), "SUM(rows.payment_count)"),
            "amount": (_("Amount"), "SUM(rows.amount)"),
            "provider_fee": (_("Provider Fees"), "SUM(rows.provider_fee)"),
            "money_credited": (_("Money Credited"), "SUM(rows.money_credited)"),
            "refunds": (_("Refunds"), "SUM(rows.refund_amount)"),
            "net": (_("Net"), "SUM(rows.money_credited) - SUM(rows.refund_amount)"),
            "average": (
                _("Average Order"),
                "SUM(rows.amount) / NULLIF(COUNT(DISTINCT rows.order_id) FILTER (WHERE rows.kind != 'refund'), 0)",
            ),
        }

    @api.model
    def _detail_check_params(self, axis, date_from, date_to, company, currency=None):
        """Clear errors for parameters a caller may send (the dialog and the
        CSV route)."""
        if axis not in self._detail_axes():
            raise UserError(_("Unknown report axis: %s.", axis))
        if not date_from or not date_to or date_from > date_to:
            raise UserError(_("Choose a period whose start is before its end."))
        if date_from.year < 1970 or date_to.year > 2200:
            raise UserError(_("Choose a period between 1970 and 2200."))
        if not company or company not in self.env.user.company_ids:
            raise UserError(_("Choose one of your companies."))
        if currency and not currency.active:
            raise UserError(_("%s is not an active currency.", currency.name))

    @api.model
    def _detail_tz(self):
        """The reader's time zone: the period's days are its days."""
        return self.env.context.get("tz") or self.env.user.tz or "UTC"

    @api.model
    def _detail_bounds(self, date_from, date_to):
        """The period's days in the reader's time zone, as UTC datetimes
        (the payments' dates): ``[start, stop)``."""
        try:
            zone = pytz.timezone(self._detail_tz())
        except pytz.UnknownTimeZoneError:
            zone = pytz.utc

        def utc(day):
            return zone.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)

        return utc(date_from), utc(date_to + timedelta(days=1))

    @api.model
    def _detail_query(self, axis, date_from, date_to, company, currency=None, order=None):
        """THE query of one axis of the detailed report, over the rows the
        caller may read (record rules applied): one row per key and currency,
        or per key in ``currency`` (each payment converted at its date's rate
        in ``company``). Columns: key ids, currency id, then the measures in
        ``_detail_measures`` order."""
        self._detail_check_params(axis, date_from, date_to, company, currency)
        keys = self._detail_axes()[axis][1]
        start, stop = self._detail_bounds(date_from, date_to)
        domain = [("company_id", "=", company.id), ("date", ">=", start), ("date", "<", stop)]
        if axis == "manager":
            domain.append(("sales_manager_id", "!=", False))
        base = self._search(domain)
        columns = [SQL.identifier("sales_report", key) for key in keys]
        amounts = ("amount", "provider_fee", "money_credited", "refund_amount")
        if currency:
            rate, target = (
                SQL(
                    """(SELECT r.rate FROM res_currency_rate r
                        WHERE r.currency_id = %s AND r.name <= sales_report.date::date
                          AND (r.company_id IS NULL OR r.company_id = sales_report.company_id)
                     ORDER BY r.company_id, r.name DESC LIMIT 1)""",
                    currency_sql,
                )
                # the payment's currency, the chosen one: each at the payment date's rate
                for currency_sql in (SQL.identifier("sales_report", "currency_id"), currency.id)
            )
            converted = [
                SQL(
                    "ROUND(%s * COALESCE(%s, 1.0) / COALESCE(%s, 1.0), %s) AS %s",
                    SQL.identifier("sales_report", name),
                    target,
                    rate,
                    currency.decimal_places,
                    SQL.identifier(name),
                )
                for name in amounts
            ]
            currency_column = SQL("%s::integer AS currency_id", currency.id)
        else:
            converted = [SQL.identifier("sales_report", name) for name in amounts]
            currency_column = SQL.identifier("sales_report", "currency_id")
        rows = base.select(
            *columns,
            currency_column,
            SQL.identifier("sales_report", "order_id"),
            SQL.identifier("sales_report", "kind"),
            SQL.identifier("sales_report", "payment_count"),
            *converted,
        )
        group = [SQL.identifier("rows", key) for key in (*keys, "currency_id")]
        measures = [SQL(aggregate) for _title, aggregate in self._detail_measures().values()]
        return SQL(
            "SELECT %s, %s FROM (%s) rows GROUP BY %s ORDER BY %s",
            SQL(", ").join(group),
            SQL(", ").join(measures),
            rows,
            SQL(", ").join(group),
            SQL(", ").join(order or group),
        )

    @api.model
    def _detail_rows(self, axis, records):
        """Rows of ``_detail_query`` as dicts: the key's name, the currency,
        the measures (a batch: one query per model for the names)."""
        keys = self._detail_axes()[axis][1]
        codes = list(self._detail_measures())
        models = [self._fields[key].comodel_name for key in keys]
        names = {}
        for index, model in enumerate(models):
            ids = {record[index] for record in records if record[index]}
            names[index] = {rec.id: rec.display_name for rec in self.env[model].browse(ids).sudo()}
        currency_ids = {record[len(keys)] for record in records}
        currencies = {cur.id: cur for cur in self.env["res.currency"].browse(currency_ids)}
        result = []
        for record in records:
            key_names = [names[index].get(record[index]) for index in range(len(keys))]
            label = next((name for name in key_names if name), None) or self._detail_empty_label(axis)
            values = dict(zip(codes, record[len(keys) + 1 :], strict=False))
            result.append(
                {
                    "name": label,
                    "key_id": next((record[i] for i in range(len(keys)) if record[i]), False),
                    "currency": currencies[record[len(keys)]],
                    **{code: values[code] or 0 for code in codes},
                }
            )
        return result

    def _detail_empty_label(self, axis):
        return {
            "provider": _("Manual payment"),
            "offer": _("No offer"),
            "category": _("No category"),
            "manager": _("System"),
        }[axis]

    # ------------------------------------------------------------------
    # CSV
    # ------------------------------------------------------------------

    @api.model
    def _detail_parse_params(self, axis, date_from, date_to, company_id, currency_id, columns):
        """The CSV route's parameters (strings from the URL), checked: a
        clear UserError for anything malformed."""
        try:
            date_from = fields.Date.to_date(date_from)
            date_to = fields.Date.to_date(date_to)
            company_id = int(company_id or 0)
            currency_id = int(currency_id or 0)
        except (TypeError, ValueError):
            raise UserError(_("Malformed report parameters: dates as YYYY-MM-DD, ids as numbers.")) from None
        if not 0 <= company_id < 2**31 or not 0 <= currency_id < 2**31:
            raise UserError(_("Unknown company or currency."))
        company = self.env["res.company"].browse(company_id)
        if company_id and company not in self.env.user.company_ids:
            raise UserError(_("Choose one of your companies."))
        currency = self.env["res.currency"].browse(currency_id).exists() if currency_id else None
        if currency_id and not currency:
            raise UserError(_("Unknown currency."))
        codes = [code for code in (columns or "").split(",") if code]
        measures = self._detail_measures()
        unknown = [code for code in codes if code not in measures]
        if unknown or not codes or "\x00" in (columns or ""):
            raise UserError(_("Pick the CSV columns among: %s.", ", ".join(measures)))
        self._detail_check_params(axis, date_from, date_to, company, currency)
        return {"date_from": date_from, "date_to": date_to, "company": company, "currency": currency, "columns": codes}

    @api.model
    def _detail_csv_filename(self, axis, params):
        return f"sales-report-{axis}-{params['date_from']}-{params['date_to']}.csv"

    @api.model
    def _detail_csv_header(self, axis, params):
        measures = self._detail_measures()
        currency = params["currency"]
        money = {"amount", "provider_fee", "money_credited", "refunds", "net", "average"}
        titles = [self._detail_axis_title(axis), _("Currency")]
        for code in params["columns"]:
            title = measures[code][0]
            if currency and code in money:
                title = _("%(title)s (%(currency)s at the payment date's rate)", title=title, currency=currency.name)
            titles.append(title)
        return titles

    def _detail_axis_title(self, axis):
        return {
            "provider": _("Payment Provider"),
            "offer": _("Offer"),
            "category": _("Offer Category"),
            "manager": _("Sales Manager"),
        }[axis]

    @api.model
    def _detail_csv_chunks(self, axis, query, params, batch_size=2000):
        """The CSV of one axis, chunk by chunk: a UTF-8 byte order mark (a
        spreadsheet then reads names with accents right), the header, then
        the rows fetched ``batch_size`` at a time from a server-side cursor
        (the memory does not grow with the number of rows)."""
        cr = self.env.cr
        yield "\ufeff".encode()
        yield self._detail_csv_lines([self._detail_csv_header(axis, params)])
        cursor_name = SQL.identifier("sales_report_csv")
        cr.execute(SQL("DECLARE %s NO SCROLL CURSOR FOR %s", cursor_name, query))
        codes = params["columns"]
        while True:
            cr.execute(SQL("FETCH %s FROM %s", batch_size, cursor_name))
            records = cr.fetchall()
            if not records:
                break
            lines = []
            for row in self._detail_rows(axis, records):
                currency = row["currency"]
                lines.append(
                    [row["name"], currency.name] + [self._detail_csv_value(code, row[code], currency) for code in codes]
                )
            yield self._detail_csv_lines(lines)
            # names of this batch: not kept for the next ones
            self.env.invalidate_all()
        cr.execute(SQL("CLOSE %s", cursor_name))

    def _detail_csv_value(self, code, value, currency):
        if code in ("orders", "payments"):
            return str(int(value or 0))
        return float_repr(currency.round(value or 0.0), currency.decimal_places)

    def _detail_csv_lines(self, lines):
        buffer = io.StringIO()
        csv.writer(buffer).writerows(lines)
        return buffer.getvalue().encode()
