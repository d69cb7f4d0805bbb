from odoo import Command
from odoo.tests import tagged

from .common import CustomerLifecycleCommon

PAGE = 40  # rows the web client reads per x2many list
# the customer page's tabs, as its form view reads them
TAB_SPEC = {
    "display_name": {},
    "customer_status": {},
    "customer_recurring_order_ids": {
        "fields": {
            "name": {},
            "product_id": {},
            "amount": {},
            "schedule_summary": {},
            "next_payment_date": {},
            "state": {},
        },
        "limit": PAGE,
    },
    "customer_invoice_ids": {
        "fields": {
            "name": {},
            "invoice_date": {},
            "invoice_date_due": {},
            "amount_total_signed": {},
            "amount_residual_signed": {},
            "state": {},
            "payment_state": {},
            "currency_id": {},
        },
        "limit": PAGE,
    },
    "customer_payment_ids": {
        "fields": {"name": {}, "date": {}, "journal_id": {}, "amount_signed": {}, "state": {}, "currency_id": {}},
        "limit": PAGE,
    },
    "customer_quote_ids": {
        "fields": {"name": {}, "date_order": {}, "validity_date": {}, "amount_total": {}, "state": {}},
        "limit": PAGE,
    },
    "customer_order_ids": {
        "fields": {"name": {}, "date_order": {}, "amount_total": {}, "invoice_status": {}, "state": {}, "locked": {}},
        "limit": PAGE,
    },
    "customer_activity_ids": {
        "fields": {"date": {}, "author_id": {}, "customer_change_summary": {}},
        "limit": PAGE,
    },
    "customer_open_balance": {},
    "customer_recurring_count": {},
    "customer_last_order_date": {},
}


@tagged("post_install", "-at_install")
class TestCustomerPagePerformance(CustomerLifecycleCommon):
    """The customer page and the customer list read in a constant number of
    queries whatever the customer's history (10 vs 500 records per tab)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a customer whose history is only what the test adds, row after row alike
        cls.perf_customer = cls.env["res.partner"].create({"name": "Perf Customer", "email": "perf@example.com"})
        cls.perf_order = cls._create_order(cls.product_a, partner=cls.perf_customer)

    def _add_history(self, count):
        partner = self.perf_customer
        journal = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.company.id)], limit=1
        )
        self.env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "order_line": [Command.create({"product_id": self.product_a.id})],
                    "state": "sale" if index % 2 else "draft",
                }
                for index in range(count)
            ]
        )
        self.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_line_ids": [Command.create({"product_id": self.product_a.id, "price_unit": 10})],
                }
                for _index in range(count)
            ]
        )
        self.env["account.payment"].create(
            [
                {
                    "partner_id": partner.id,
                    "amount": 5,
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "journal_id": journal.id,
                }
                for _index in range(count)
            ]
        )
        self.env["recurring.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "sale_order_id": self.perf_order.id,
                    "product_id": self.plan.id,
                    "currency_id": self.recurring.currency_id.id,
                    "amount": 100,
                    "state": "completed",
                }
                for _index in range(count)
            ]
        )
        # tracked changes of the phone, as tracking logs them
        phone = self.env["ir.model.fields"]._get("res.partner", "phone")
        for index in range(count):
            partner._message_log(
                tracking_value_ids=[
                    Command.create(
                        {
                            "field_id": phone.id,
                            "old_value_char": f"+32 2 000 {index:04d}",
                            "new_value_char": "+32 2 999",
                        }
                    )
                ]
            )

    def _page_queries(self, user):
        partner = self.perf_customer.with_user(user)
        for _run in range(2):  # the first warms the ORM caches (groups, fields_get)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            values = partner.web_read(TAB_SPEC)[0]
            queries = self.cr.sql_log_count - before
        return queries, values

    def _list_queries(self, user):
        Partner = self.env["res.partner"].with_user(user)
        spec = {
            key: {}
            for key in (
                "complete_name",
                "customer_status",
                "email",
                "phone",
                "customer_open_balance",
                "customer_recurring_count",
                "customer_last_order_date",
                "customer_expert_names",
            )
        }
        for _run in range(2):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Partner.web_search_read([("customer_status", "!=", False)], spec, limit=80)
            queries = self.cr.sql_log_count - before
        return queries

    def test_tabs_constant_queries(self):
        self._add_history(10)
        small, values = self._page_queries(self.manager)
        small_expert, _values = self._page_queries(self.expert_a)
        small_list = self._list_queries(self.manager)
        self.assertGreaterEqual(len(values["customer_invoice_ids"]), 10)
        self.assertGreaterEqual(len(values["customer_activity_ids"]), 10)
        self._add_history(490)
        large, values = self._page_queries(self.manager)
        large_expert, _values = self._page_queries(self.expert_a)
        large_list = self._list_queries(self.manager)
        for tab in ("customer_invoice_ids", "customer_activity_ids", "customer_order_ids", "customer_payment_ids"):
            rows = values[tab]
            self.assertGreaterEqual(len(rows), 245, tab)
            self.assertEqual(len([row for row in rows if len(row) > 1]), PAGE, f"{tab}: one page of rows is read")
        self.assertEqual(large, small, "manager: constant with the history")
        self.assertEqual(large_expert, small_expert, "expert: constant with the history")
        self.assertEqual(large_list, small_list, "list: constant with the history")
