from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    cancellation_policy_id = fields.Many2one(
        "session.cancellation.policy",
        string="Cancellation Policy",
        default=lambda self: self.env.company.session_default_cancellation_policy_id,
        help="What cancelling late or not showing up costs the client; frozen on the order at purchase.",
    )

    def _website_session_package_values(self, website):
        values = super()._website_session_package_values(website)
        if self.is_session_package and self.cancellation_policy_id:
            values["cancellation"] = self.sudo()._session_cancellation_terms(website)
        return values

    def _session_cancellation_terms(self, website):
        """The package's cancellation terms as a client buying it on
        ``website`` now would be charged them: the fees in the website's
        pricelist currency, taxes included as the penalty invoice computes
        them (the penalty product's taxes through the visitor's fiscal
        position). A percentage fee applies to the price of one session
        before tax, as on the order line."""
        self.ensure_one()
        policy = self.cancellation_policy_id
        company = website.company_id
        pricelist = website.pricelist_id
        currency = pricelist.currency_id or company.currency_id
        fiscal_position = website.fiscal_position_id
        partner = self.env.user.partner_id
        variant = self.product_variant_id.with_company(company)
        product_taxes = variant.taxes_id.filtered(lambda tax: tax.company_id == company)
        taxes = fiscal_position.map_tax(product_taxes)
        price = pricelist._get_product_price(variant, 1.0, currency=currency) if pricelist else variant.lst_price
        price_unit = variant._get_tax_included_unit_price_from_price(
            price, currency, product_taxes, product_taxes_after_fp=taxes
        )
        untaxed = taxes.compute_all(price_unit, currency=currency, quantity=1.0, product=variant, partner=partner)
        session_price = untaxed["total_excluded"] / self.session_count
        fees = {
            "late": policy._late_fee_amount(session_price, currency, company),
            "no_show": policy._no_show_fee_amount(currency, company),
        }
        return {
            "policy": policy,
            **{
                kind: policy._fee_amounts(kind, fee, currency, fiscal_position, partner, company)
                for kind, fee in fees.items()
            },
        }
