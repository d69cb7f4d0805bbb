from lxml import html

from odoo.tests import HttpCase, tagged

from odoo.addons.expert_base.tests.common import visible_text

# Names of Odoo's stock demo products (product, website_sale): a practice's
# shop sells none of them
STOCK_PRODUCTS = ("Customizable Desk", "Office Chair", "Large Cabinet", "Storage Box", "Warranty", "Office Lamp")


@tagged("post_install", "-at_install")
class TestWebsiteDemo(HttpCase):
    """The demo website is a practice's site as the experts' guide shows it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env.ref("website.default_website")

    def test_shop_lists_only_the_practice_offers(self):
        listed = self.env["product.template"].search(self.website.sale_product_domain() + [("is_published", "=", True)])
        self.assertTrue(listed)
        self.assertFalse(listed.filtered(lambda product: not product.expert_id), "every offer has its expert")
        self.assertFalse(listed.filtered(lambda product: not product.image_1920), "no placeholder image")
        page = self.url_open("/shop").text
        shop = visible_text(page)
        for name in STOCK_PRODUCTS:
            self.assertNotIn(name, shop)
        self.assertIn("5-Session Therapy Package", shop)
        # the categories are the kinds of service, the experts filter the offers
        categories = visible_text(page, "//div[contains(@class, 'o_wsale_filmstip_wrapper')]")
        self.assertEqual(categories, "Therapy Coaching Workbooks & Templates")
        experts = visible_text(page, "//nav[contains(@class, 'o_wsale_experts')]")
        self.assertEqual(experts, "All experts Daniel Moreau Olivia Smith")
        olivia = self.env.ref("expert_base.user_expert_olivia_demo")
        olivia_shop = visible_text(self.url_open(f"/shop?expert={olivia.id}").text)
        self.assertIn("5-Session Therapy Package", olivia_shop)
        self.assertNotIn("5-Session Career Coaching", olivia_shop)

    def test_practice_name_logo_and_menus(self):
        self.assertEqual(self.website.name, "Brightpath Practice")
        self.assertEqual(self.website.company_id.name, "Brightpath Practice")
        self.assertTrue(self.website.logo)
        page = self.url_open("/").text
        self.assertNotIn("YourLogo", page)
        self.assertNotIn("Company name", visible_text(page, "//footer"))
        # the desktop menu (the phone menu repeats it)
        (menu, *_phone_menus) = html.fromstring(page).xpath("//header//ul[contains(@class, 'top_menu')]")
        header = [" ".join(link.text_content().split()) for link in menu.xpath("./li/a")]
        self.assertEqual(header, ["Home", "Contact us", "Service Agreement", "Ask a Question for Free", "Support"])
        footer = visible_text(page, "//footer")
        for text in (
            "All Products",
            "Privacy Policy",
            "Service Agreement",
            "Cookie Policy",
            "Contact us",
            "Our payment methods",
            "English (US) | Español",
        ):
            self.assertIn(text, footer)
        # the home page presents the experts
        home = visible_text(page)
        self.assertIn("Olivia Smith", home)
        self.assertIn("Clinical psychologist with twelve years", home)

    def test_guide_pages_are_website_pages(self):
        """The operator edits them as any website page."""
        for url, title in (
            ("/service-agreement", "Service Agreement"),
            ("/privacy", "Privacy Policy"),
            ("/cookie-policy", "Cookie Policy"),
        ):
            with self.subTest(url=url):
                page = self.env["website.page"].search([("url", "=", url)])
                self.assertEqual(len(page), 1)
                self.assertTrue(page.is_published)
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(visible_text(response.text, "//main//h1"), title)

    def test_english_and_spanish(self):
        self.assertEqual(set(self.website.language_ids.mapped("code")), {"en_US", "es_ES"})
        response = self.url_open("/es/shop", timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(html.fromstring(response.text).get("lang"), "es-ES")
        shop = visible_text(response.text, "//main")
        for text in ("Todos los expertos", "Terapia", "Paquete de terapia de 5 sesiones"):
            self.assertIn(text, shop)
        footer = visible_text(response.text, "//footer")
        for text in (
            "Todos los productos",
            "Política de privacidad",
            "Acuerdo de servicio",
            "Nuestros métodos de pago",
        ):
            self.assertIn(text, footer)
        package = self.env.ref("session_booking.product_package_olivia_5_demo")
        page = visible_text(self.url_open(f"/es{package.website_url}", timeout=60).text)
        for text in (
            "5 sesiones en línea por videollamada",
            "50 minutos por sesión",
            "Condiciones de cancelación",
            "Su experto",
            "Psicóloga clínica con doce años de práctica",
        ):
            self.assertIn(text, page)

    def test_package_page_of_the_demo(self):
        package = self.env.ref("session_booking.product_package_olivia_12_demo")
        main = visible_text(self.url_open(package.website_url).text)
        for text in (
            "12 online video sessions",
            "50 minutes per session",
            "180 days",
            "Olivia Smith",
            "Ask a Question for Free",
        ):
            self.assertIn(text, main)
        self.assertIn("Clinical psychologist with twelve years", main)
        self.assertNotIn("money-back", main)
        self.assertNotIn("Shipping", main)
