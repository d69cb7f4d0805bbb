from odoo.tests import tagged

from .common import PartialPaymentCommon

# the All orders list and the payments list as the web client loads them
# (every column of their list views, the optional ones too)
ORDER_LIST_SPEC = {
    "name": {},
    "date_order": {},
    "partner_id": {"fields": {"display_name": {}}},
    "sale_status": {},
    "offer_product_id": {"fields": {"display_name": {}}},
    "offer_category_id": {"fields": {"display_name": {}}},
    "offer_reference": {},
    "currency_id": {"fields": {}},
    "offer_price": {},
    "offer_price_unit": {},
    "offer_quantity": {},
    "payment_type": {},
    "partial_payment_state": {},
    "allow_partial_payment": {},
}
PAYMENT_LIST_SPEC = {
    "order_id": {"fields": {"display_name": {}}},
    "invoice_id": {"fields": {"display_name": {}}},
    "date": {},
    "state": {},
    "kind": {},
    "currency_id": {"fields": {"display_name": {}}},
    "money_credited": {},
    "provider_fee": {},
    "paid_in_one_click": {},
    "provider_id": {"fields": {"display_name": {}}},
    "amount": {},
    "payment_percent": {},
    "comment": {},
}


@tagged("post_install", "-at_install")
class TestDeskQueries(PartialPaymentCommon):
    """The All orders list and the payments drill-down read in a number of
    queries that does not grow with the data."""

    def _queries(self, model, domain, spec):
        records = self.env[model].with_user(self.platform_manager)
        records.web_search_read(domain, spec, limit=80)  # warm up
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        result = records.web_search_read(domain, spec, limit=80)
        return self.cr.sql_log_count - before, result["length"]

    def _add_orders(self, count):
        orders = self.env["sale.order"]
        for _n in range(count):
            order = self._partial_order()
            self._online_payment(order, 100.0)
            orders |= order
        return orders

    def test_order_list_and_drill_down_constant(self):
        self._add_orders(2)
        small, small_length = self._queries("sale.order", [("state", "!=", "draft")], ORDER_LIST_SPEC)
        small_pay, _length = self._queries("sale.order.payment", [], PAYMENT_LIST_SPEC)
        orders = self._add_orders(10)
        for order in orders[:5]:
            self._online_payment(order, 100.0)
        large, large_length = self._queries("sale.order", [("state", "!=", "draft")], ORDER_LIST_SPEC)
        large_pay, _length = self._queries("sale.order.payment", [], PAYMENT_LIST_SPEC)
        self.assertGreater(large_length, small_length)
        self.assertEqual(large, small, "All orders: queries grow with the orders")
        self.assertEqual(large_pay, small_pay, "Payments: queries grow with the payments")
        drill_small, _length = self._queries(
            "sale.order.payment", [("order_id", "=", orders[-1].id)], PAYMENT_LIST_SPEC
        )
        drill_large, _length = self._queries("sale.order.payment", [("order_id", "=", orders[0].id)], PAYMENT_LIST_SPEC)
        self.assertEqual(drill_small, drill_large)
        self.assertLessEqual(large, 20)
