/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * A client with two overdue invoices selects both in the client center's
 * Due Payments and pays them in one go with the demo provider.
 */
registry.category("web_tour.tours").add("expert_platform_client_center_pay_tour", {
    test: true,
    url: "/client-center",
    steps: () => [
        {
            content: "Open the due payments",
            trigger: ".o_client_center_menu .o_client_center_panel_payments",
        },
        {
            content: "Both invoices are overdue",
            trigger: ".o_client_center_payment_row.o_overdue:eq(1)",
            isCheck: true,
        },
        {
            content: "Select all the due invoices",
            trigger: ".o_client_center_select_all",
        },
        {
            content: "Pay the selection",
            trigger: ".o_client_center_pay_selected:not(:disabled)",
        },
        {
            content: "One payment for both invoices",
            trigger: ".o_client_center_pay_line:eq(1)",
            extra_trigger: ".o_client_center_pay_total:contains('130.00')",
            isCheck: true,
        },
        {
            content: "Choose the demo provider",
            trigger: 'input[name="o_payment_radio"][data-payment-method-code="demo"]',
        },
        {
            content: "Enter a card number",
            trigger: 'input[name="customer_input"]',
            run: "text 4242424242424242",
        },
        {
            content: "Pay",
            trigger: 'button[name="o_payment_submit_button"]:visible:not(:disabled)',
        },
        {
            content: "Back in the client center, the payment is confirmed",
            trigger: ".o_client_center_notice.alert-success",
            timeout: 60000,
            isCheck: true,
        },
        {
            content: "Nothing is due any more",
            trigger: ".o_client_center_body .o_client_center_empty",
            isCheck: true,
        },
    ],
});
