from urllib.parse import quote

from lxml import html

from odoo.tests import HttpCase, tagged

from odoo.addons.expert_base.tests.common import visible_text

from .common import SessionBookingCommon


class WebsiteSaleCommon(SessionBookingCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env.ref("website.default_website")
        cls.website.company_id = cls.env.company
        cls.expert_a.partner_id.function = "Clinical Psychologist"
        cls.package.product_tmpl_id.write(
            {"is_published": True, "session_validity_days": 90, "description_sale": "Five sessions with A."}
        )
        cls.package_b.product_tmpl_id.write({"is_published": True, "session_count": 1, "session_duration": 1.5})


@tagged("post_install", "-at_install")
class TestPackagePage(WebsiteSaleCommon):
    """A session package's product page says what the package gives and who
    delivers it, and nothing about shipping goods."""

    def test_package_page_shows_the_package_and_its_expert(self):
        text = visible_text(self.url_open(self.package.website_url).text)
        for expected in (
            "Expert A",
            "Clinical Psychologist",
            "5 online video sessions",
            "50 minutes per session",
            "Sessions to take within 90 days of purchase",
            "at least 12 hours ahead",
            "All offers of Expert A",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("money-back", text)
        self.assertNotIn("Shipping", text)

    def test_durations_read_as_durations(self):
        text = visible_text(self.url_open(self.package_b.website_url).text)
        self.assertIn("1 online video session", text)
        self.assertIn("1 hour 30 minutes per session", text)
        self.assertIn("No expiry", text)
        self.assertNotIn("01:30", text)

    def test_goods_keep_the_stock_terms(self):
        """Only services lose website_sale's goods text."""
        desk = self.env["product.template"].create(
            {"name": "Standing desk", "type": "consu", "list_price": 300.0, "is_published": True}
        )
        text = visible_text(self.url_open(desk.website_url).text)
        self.assertIn("30-day money-back guarantee", text)
        self.assertNotIn("Your expert", text)

    def test_shop_filters_by_expert(self):
        url = "/shop?search=5+sessions+with"
        both = visible_text(self.url_open(url).text)
        self.assertIn("5 sessions with A", both)
        self.assertIn("5 sessions with B", both)
        self.assertIn("All experts", both)
        only_a = self.url_open(f"{url}&expert={self.expert_a.id}").text
        text = visible_text(only_a)
        self.assertIn("5 sessions with A", text)
        self.assertNotIn("5 sessions with B", text)
        # the links to the products, categories and pages keep the filter
        product_links = html.fromstring(only_a).xpath(
            "//div[@id='products_grid']//a[contains(@href, '5-sessions-with-a')]/@href"
        )
        self.assertTrue(product_links)
        for link in product_links:
            self.assertIn(f"expert={self.expert_a.id}", link)

    def test_shop_expert_filter_ignores_bad_input(self):
        for value in ("abc", "0", "-1", "2147483648", "99999999999999999999999", "1\x00", "1 OR 1=1"):
            with self.subTest(value=value):
                response = self.url_open(f"/shop?search=5+sessions+with&expert={quote(value)}")
                self.assertEqual(response.status_code, 200)
                text = visible_text(response.text)
                self.assertIn("5 sessions with A", text)
                self.assertIn("5 sessions with B", text)


@tagged("post_install", "-at_install")
class TestServicesCheckout(WebsiteSaleCommon):
    """A cart holding only services asks for a billing address only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_partner.write(
            {
                "street": "Rue de la Loi 16",
                "city": "Brussels",
                "zip": "1000",
                "country_id": cls.env.ref("base.be").id,
                "phone": "+32 2 555 55 55",
            }
        )
        cls.client_user.password = "client_a_password"
        cls.desk = cls.env["product.product"].create(
            {"name": "Standing desk", "type": "consu", "list_price": 300.0, "is_published": True}
        )

    def _cart(self, *products):
        self.authenticate("client_a", "client_a_password")
        for product in products:
            self.make_jsonrpc_request("/shop/cart/update_json", {"product_id": product.id, "add_qty": 1})

    def _steps(self, page):
        return [
            " ".join(label.text_content().split())
            for label in html.fromstring(page).xpath(
                "//div[contains(@class, 'o_wizard ')]//p[contains(@class, 'o_wizard_steplabel')]"
            )
        ]

    def test_services_are_billed_not_shipped(self):
        self._cart(self.package)
        checkout = self.url_open("/shop/checkout").text
        self.assertEqual(self._steps(checkout), ["Review Order", "Billing", "Payment"])
        self.assertNotIn("Shipping", visible_text(checkout))
        payment = self.url_open("/shop/payment")
        self.assertTrue(payment.url.endswith("/shop/payment"), "no address step for a complete billing address")
        self.assertIn("Billing:", visible_text(payment.text))
        self.assertNotIn("Shipping", visible_text(payment.text))
        # the confirmation page (of the last order checked out) says the same
        confirmation = visible_text(self.url_open("/shop/confirmation").text)
        self.assertIn("Billing:", confirmation)
        self.assertNotIn("Shipping", confirmation)

    def test_goods_are_still_shipped(self):
        self._cart(self.package, self.desk)
        checkout = self.url_open("/shop/checkout").text
        self.assertEqual(self._steps(checkout), ["Review Order", "Shipping", "Payment"])
        self.assertIn("Shipping", visible_text(checkout))

    def test_checkout_steps_without_a_request(self):
        """Outside a request (a cron, a shell) the stock steps are kept."""
        steps = self.website._get_checkout_step_list()
        self.assertIn("Shipping", [str(step["name"]) for _xmlids, step in steps])
