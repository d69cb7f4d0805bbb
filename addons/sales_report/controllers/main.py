from odoo import api, http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.modules.registry import Registry


class SalesReportController(http.Controller):
    @http.route("/sales_report/csv", type="http", auth="user", methods=["GET"])
    def sales_report_csv(
        self, axis=None, date_from=None, date_to=None, company_id=None, currency_id=None, columns=None
    ):
        """One axis of the detailed report as CSV, streamed: the rows are
        read from a server-side cursor in batches while the file is sent."""
        Report = request.env["sales.report"]
        Report.check_access_rights("read")
        try:
            params = Report._detail_parse_params(axis, date_from, date_to, company_id, currency_id, columns)
            query = Report._detail_query(
                axis, params["date_from"], params["date_to"], params["company"], params["currency"]
            )
        except UserError as error:
            return request.make_response(
                error.args[0], headers=[("Content-Type", "text/plain; charset=utf-8")], status=400
            )
        filename = Report._detail_csv_filename(axis, params)
        return request.make_response(
            _stream(request.env.cr.dbname, request.env.uid, dict(request.env.context), axis, query, params),
            headers=[
                ("Content-Type", "text/csv; charset=utf-8"),
                ("Content-Disposition", http.content_disposition(filename)),
                ("Cache-Control", "no-store"),
            ],
        )


def _stream(dbname, uid, context, axis, query, params):
    """The CSV body, produced after the request's own cursor is closed: its
    own cursor, the caller's user (the record rules are in ``query``)."""
    with Registry(dbname).cursor() as cr:
        env = api.Environment(cr, uid, context)
        yield from env["sales.report"]._detail_csv_chunks(axis, query, params)
