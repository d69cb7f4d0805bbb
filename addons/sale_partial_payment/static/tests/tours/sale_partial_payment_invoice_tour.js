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
            content: "The payer's comment",
            trigger: 'div[name="comment"] input',
            run: "text Cheque 5521",
            // the wizard opens after a server round trip (slow on a loaded machine)
            timeout: 30000,
        },
        {
            content: "The wizard pays this invoice: it says what is left on it",
            trigger: 'div[name="invoice_residual"]',
            isCheck: true,
        },
        {
            content: "Take the payment",
            trigger: 'button[name="action_take"]',
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
