from odoo.tests import new_test_user

from odoo.addons.sale_partial_payment.tests.common import PartialPaymentCommon


class AttributionCommon(PartialPaymentCommon):
    """A sales manager (Sam) who records Sales Plans, a checker with the
    permission "Can manage auto sales and generated sales"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_user = new_test_user(
            cls.env, login="sales_sam", name="Sam Sales", groups="sales_team.group_sale_salesman"
        )
        cls.sales_user_2 = new_test_user(
            cls.env, login="sales_zoe", name="Zoe Sales", groups="sales_team.group_sale_salesman"
        )
        cls.checker = new_test_user(
            cls.env,
            login="sale_checker",
            name="Charlie Checker",
            groups="base.group_user,sale_attribution.group_sale_attribution_manager",
        )

    @classmethod
    def _plan(cls, product, partner=None, user=None, **values):
        return cls.env["sale.plan"].create(
            {
                "partner_id": (partner or cls.client_partner).id,
                "product_tmpl_id": product.product_tmpl_id.id,
                "user_id": (user or cls.sales_user).id,
                **values,
            }
        )

    @classmethod
    def _paid_order(cls, product, partner=None):
        order = cls._create_order(product, partner=partner)
        cls._online_payment(order, order.amount_total)
        return order
