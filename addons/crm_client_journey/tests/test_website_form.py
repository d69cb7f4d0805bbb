import json

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import ClientJourneyCommon

FORM_URL = "/website/form/crm.lead"


@tagged("post_install", "-at_install")
class TestWebsiteQuestion(ClientJourneyCommon, HttpCase):
    """Questions posted through website_crm's real form route."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls.question_team = cls.env["crm.team"].create({"name": "Questions"})
        cls.question_user = new_test_user(
            cls.env, login="question_desk", groups="sales_team.group_sale_salesman", name="Question Desk"
        )
        cls.website.write({"crm_default_team_id": cls.question_team.id, "crm_default_user_id": cls.question_user.id})
        cls.unpublished = cls._create_package(cls.expert_b, "Hidden package", 10.0)

    def _post(self, **values):
        data = {
            "contact_name": "Visitor",
            "email_from": "visitor@example.com",
            "name": "Can you help me?",
            "description": "I feel anxious before exams.",
            **{key: str(value) for key, value in values.items()},
        }
        response = self.url_open(FORM_URL, data=data)
        self.assertEqual(response.status_code, 200)
        return json.loads(response.text)

    def _lead(self, result):
        self.assertIn("id", result, result)
        return self.env["crm.lead"].browse(result["id"])

    def test_question_to_the_chosen_expert(self):
        lead = self._lead(self._post(expert_id=self.expert_a.id))
        self.assertEqual(lead.expert_id, self.expert_a)
        self.assertEqual(lead.user_id, self.expert_a)
        self.assertTrue(lead.is_website_question)
        self.assertEqual(lead.medium_id, self.env.ref("utm.utm_medium_website"))
        self.assertEqual(lead.email_from, "visitor@example.com")
        activity = lead.activity_ids
        self.assertEqual(activity.activity_type_id, self.env.ref("crm_client_journey.mail_activity_type_question"))
        self.assertEqual(activity.user_id, self.expert_a)
        self.assertEqual(activity.date_deadline, self.expert_a._crm_next_working_day())
        self.assertEqual(activity.date_deadline.weekday() < 5, True)

    def test_question_from_a_product_page(self):
        lead = self._lead(self._post(expert_product_id=self.package.product_tmpl_id.id))
        self.assertEqual(lead.expert_id, self.expert_a)
        self.assertEqual(lead.user_id, self.expert_a)
        self.assertEqual(lead.expert_product_id, self.package.product_tmpl_id)
        # an expert chosen on the form wins over the product page's
        lead = self._lead(self._post(expert_product_id=self.package.product_tmpl_id.id, expert_id=self.expert_b.id))
        self.assertEqual(lead.user_id, self.expert_b)

    def test_question_for_no_expert_goes_to_the_default_team(self):
        lead = self._lead(self._post())
        self.assertFalse(lead.expert_id)
        self.assertEqual(lead.team_id, self.question_team)
        self.assertEqual(lead.user_id, self.question_user)
        self.assertEqual(lead.activity_ids.user_id, self.question_user)

    def test_bad_ids_create_nothing(self):
        count = self.env["crm.lead"].search_count([])
        for values in (
            {"expert_id": self.client_user.id},  # not an expert
            {"expert_id": self.question_user.id},  # an employee, not an expert
            {"expert_id": 999999},
            {"expert_product_id": self.unpublished.product_tmpl_id.id},
            {"expert_product_id": self.product_a.product_tmpl_id.id},  # not published
            {"expert_product_id": 999999},
            {"expert_id": "abc"},
        ):
            with self.subTest(values=values):
                result = self._post(**values)
                self.assertNotIn("id", result)
                self.assertTrue(result.get("error_fields") or result.get("error"))
        self.assertEqual(self.env["crm.lead"].search_count([]), count)

    def test_logged_in_client_needs_the_csrf_token(self):
        self.authenticate("client_a", "client_a")
        count = self.env["crm.lead"].search_count([])
        with mute_logger("odoo.http"):
            response = self.url_open(FORM_URL, data={"email_from": "client.a@example.com", "name": "x"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.env["crm.lead"].search_count([]), count)

    def test_question_page(self):
        page = self.url_open("/ask-a-question")
        self.assertEqual(page.status_code, 200)
        self.assertIn('data-model_name="crm.lead"', page.text)
        self.assertIn(f'<option value="{self.expert_a.id}"', page.text)
        self.assertNotIn(f'<option value="{self.client_user.id}"', page.text)
        page = self.url_open(f"/ask-a-question?product_id={self.package.product_tmpl_id.id}").text
        self.assertIn(f'name="expert_product_id" value="{self.package.product_tmpl_id.id}"', page)
        for product_id in (self.unpublished.product_tmpl_id.id, 999999, "abc", "-1"):
            with self.subTest(product_id=product_id):
                response = self.url_open(f"/ask-a-question?product_id={product_id}")
                self.assertEqual(response.status_code, 200)
                self.assertNotIn('name="expert_product_id"', response.text)

    def test_product_page_links_to_the_question_form(self):
        page = self.url_open(self.package.product_tmpl_id.website_url).text
        self.assertIn(f"/ask-a-question?product_id={self.package.product_tmpl_id.id}", page)
