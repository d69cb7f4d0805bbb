from odoo import http
from odoo.http import request


class WebsiteQuestion(http.Controller):
    @http.route("/ask-a-question", type="http", auth="public", website=True, sitemap=True)
    def ask_a_question(self, product_id=None, **kwargs):
        """The "Ask a Question for Free" page: a website form that posts to
        website_crm's ``/website/form/crm.lead`` like the contact form."""
        Lead = request.env["crm.lead"]
        product = Lead._website_question_product(int(product_id)) if str(product_id or "").isdigit() else None
        return request.render(
            "crm_client_journey.website_question_page",
            {
                "experts": Lead._website_question_experts(),
                "product": product,
                "expert": product.expert_id if product else None,
            },
        )
