from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import new_test_user, tagged

from odoo.addons.recurring_order.tests.common import RecurringOrderCommon


@tagged("post_install", "-at_install")
class TestRecurringAttribution(RecurringOrderCommon):
    """A period paid by the recurring-order cron's charge is System unless
    an open Sales Plan expects it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_user = new_test_user(
            cls.env, login="sales_sam", name="Sam Sales", groups="sales_team.group_sale_salesman"
        )

    def _plan(self):
        return self.env["sale.plan"].create(
            {
                "partner_id": self.client_partner.id,
                "product_tmpl_id": self.plan.product_tmpl_id.id,
                "user_id": self.sales_user.id,
            }
        )

    def _one_period_ago(self):
        """A start a month and a day ago: one period due."""
        return date.today() - relativedelta(months=1, days=1)

    def _charged_period(self, recurring):
        self._charge_due()
        self._post_process(recurring)
        period = recurring.generated_order_ids
        self.assertEqual(len(period), 1)
        return period

    def test_a_charge_is_a_system_sale(self):
        plan = self._plan()
        recurring = self._start(start=self._one_period_ago())
        self.assertEqual(recurring.sale_order_id.sales_manager_id, self.sales_user, "the plan: the first order")
        self.assertEqual(plan.order_id, recurring.sale_order_id)
        period = self._charged_period(recurring)
        self.assertEqual(period.state, "sale")
        self.assertEqual(period.sale_attribution, "system")
        self.assertFalse(period.sales_manager_id)

    def test_a_charge_expected_by_a_plan_is_the_managers(self):
        recurring = self._start(start=self._one_period_ago())
        self.assertEqual(recurring.sale_order_id.sale_attribution, "system")
        plan = self._plan()
        period = self._charged_period(recurring)
        self.assertEqual(period.sale_attribution, "user")
        self.assertEqual(period.sales_manager_id, self.sales_user)
        self.assertEqual(plan.order_id, period)
