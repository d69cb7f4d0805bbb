/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sale_partial_payment_invoice_tour", {
    test: true,
    steps: () => [
        {
            content: "Take a payment from the order's invoice",
            trigger: '.o_form_view button[name="action_partial_take_payment"]',
        },
        {
            content: "The wizard pays this invoice: what is left on it",
            trigger: '.modal div[name="invoice_residual"]:contains("250.00")',
            extra_trigger: '.modal div[name="amount"] input:propValue("250.00")',
            timeout: 30000,
            isCheck: true,
        },
        {
            content: "The payer's comment",
            trigger: '.modal div[name="comment"] input',
            run: "text Cheque 5521",
        },
        {
            content: "Take the payment",
            trigger: '.modal button[name="action_take"]',
        },
        {
            content: "The invoice is paid",
            trigger: ".o_form_view .ribbon:contains('Paid'), .o_form_view .ribbon:contains('In Payment')",
            extra_trigger: "body:not(:has(.modal))",
            timeout: 30000,
            isCheck: true,
        },
    ],
});
