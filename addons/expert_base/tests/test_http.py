from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestNulInPath(HttpCase):
    def test_a_nul_byte_in_an_unknown_path_is_not_found(self):
        """Unknown URLs fall back on website pages, redirects and
        attachments looked up by path: with a NUL byte, 404, not 500."""
        for path in ("/my/sessions/1%00", "/some/page%00", "/web/content/%00"):
            with self.subTest(path=path):
                self.assertEqual(self.url_open(path).status_code, 404)
        self.authenticate("admin", "admin")
        self.assertEqual(self.url_open("/my/orders/1%00").status_code, 404)
