from datetime import timedelta

from lxml import html

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import PenaltyCommon


@tagged("post_install", "-at_install")
class TestPackagePageCancellation(PenaltyCommon, HttpCase):
    """The product page announces the cancellation fees as the penalty
    invoices charge them: taxes included, in the currency of the order the
    visitor would place."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        website = cls.env.ref("website.default_website")
        website.company_id = cls.env.company
        cls.penalty_tax = cls.env["account.tax"].create(
            {"name": "Penalty VAT 15%", "amount": 15.0, "amount_type": "percent", "type_tax_use": "sale"}
        )
        (cls.penalty_product | cls.no_show_product).taxes_id = [Command.set(cls.penalty_tax.ids)]
        cls.package.product_tmpl_id.is_published = True
        # the client sees the page and orders in the same pricelist (its own)
        pricelist = cls.env["product.pricelist"].create(
            {"name": "Client prices", "currency_id": cls.env.company.currency_id.id}
        )
        cls.client_partner.property_product_pricelist = pricelist
        cls.client_user.password = "client_a_password"

    def _page_fees(self):
        self.authenticate("client_a", "client_a_password")
        tree = html.fromstring(self.url_open(self.package.website_url).text)
        fees = {}
        for kind in ("late", "no_show"):
            (fee,) = tree.xpath(f"//strong[contains(@class, 'o_session_cancellation_{kind}_fee')]")
            fees[kind] = " ".join(fee.text_content().split())
        return fees

    def _invoice_total(self, kind, hours_later=0):
        booking = self._booked(start=self.tuesday_9 + timedelta(hours=hours_later))
        return booking._create_penalty_invoice(kind).amount_total

    def _money(self, amount):
        return f"{self.env.company.currency_id.symbol} {amount:.2f}"

    def test_fixed_fees_with_tax(self):
        fees = self._page_fees()
        late = self._invoice_total("late")
        self.assertAlmostEqual(late, 17.25)
        self.assertEqual(fees["late"], self._money(late))
        self.assertEqual(fees["no_show"], self._money(self._invoice_total("no_show", hours_later=2)))
        self.assertEqual(fees["no_show"], self._money(23.0))
        page = " ".join(html.fromstring(self.url_open(self.package.website_url).text).text_content().split())
        self.assertIn("Free up to 1 day before the session, or within 3 minutes of booking it", page)
        self.assertIn("(taxes included)", page)

    def test_each_fee_with_its_own_products_taxes(self):
        """The no-show fee is invoiced with its own product: the page shows
        that product's taxes, not the late cancellation product's."""
        self.no_show_product.taxes_id = [Command.clear()]
        fees = self._page_fees()
        self.assertEqual(fees["late"], self._money(17.25))
        self.assertEqual(fees["no_show"], self._money(self._invoice_total("no_show", hours_later=2)))
        self.assertEqual(fees["no_show"], self._money(20.0))

    def test_percent_fee_of_a_taxed_package(self):
        """Half the price of one session before the package's tax, plus the
        penalty's tax: 250 / 5 * 50 % * 1.15."""
        package_tax = self.env["account.tax"].create(
            {"name": "Package VAT 21%", "amount": 21.0, "amount_type": "percent", "type_tax_use": "sale"}
        )
        self.package.taxes_id = [Command.set(package_tax.ids)]
        self.policy.write({"fee_type": "percent", "fee_amount": 50.0})
        fees = self._page_fees()
        late = self._invoice_total("late")
        self.assertAlmostEqual(late, 28.75)
        self.assertEqual(fees["late"], self._money(late))

    def test_fees_without_tax(self):
        (self.penalty_product | self.no_show_product).taxes_id = [Command.clear()]
        fees = self._page_fees()
        self.assertEqual(fees["late"], self._money(15.0))
        page = self.url_open(self.package.website_url).text
        self.assertNotIn("taxes included", page)
