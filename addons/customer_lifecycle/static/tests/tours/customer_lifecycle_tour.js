/** @odoo-module */
import { registry } from "@web/core/registry";

// A platform manager opens a customer, invoices it manually from the
// Actions, terminates its recurring order, and sees the status and the
// Activity tab change.
registry.category("web_tour.tours").add("customer_lifecycle_tour", {
    test: true,
    url: "/web#action=customer_lifecycle.res_partner_customer_action",
    steps: () => [
        {
            content: "Open the customer",
            trigger: ".o_data_row td.o_data_cell:contains('Client A')",
        },
        {
            content: "The page shows the Activated badge",
            trigger: ".o_form_view .o_field_widget[name='customer_status'] .badge:contains('Activated')",
            isCheck: true,
        },
        {
            content: "Actions: Manual Invoice",
            trigger: ".o_form_view button[name='action_customer_new_invoice']",
        },
        {
            content: "The invoice is for the customer",
            trigger: ".o_form_view .o_field_widget[name='partner_id'] input:propValue('Client A')",
            isCheck: true,
        },
        {
            content: "Add a line",
            trigger: "div[name='invoice_line_ids'] .o_field_x2many_list_row_add a",
        },
        {
            content: "Choose the product",
            trigger: "div[name='invoice_line_ids'] .o_selected_row div[name='product_id'] input",
            run: "text Coaching A",
        },
        {
            trigger: ".ui-autocomplete a:contains('Coaching A')",
        },
        {
            content: "Confirm the invoice",
            trigger: ".o_form_view button[name='action_post']",
        },
        {
            content: "The invoice is posted",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Posted')",
            isCheck: true,
        },
        {
            content: "Back to the customer",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('Client A')",
        },
        {
            content: "Subscriptions tab",
            trigger: ".o_notebook a.nav-link:contains('Subscriptions')",
        },
        {
            content: "Terminate the recurring order",
            trigger: "div[name='customer_recurring_order_ids'] button[name='action_open_status_wizard']",
        },
        {
            content: "Give the reason",
            trigger: "div[name='reason'] input",
            run: "text Moved abroad",
        },
        {
            trigger: "button[name='action_confirm']",
        },
        {
            content: "The customer is Terminated",
            trigger: ".o_form_view .o_field_widget[name='customer_status'] .badge:contains('Terminated')",
            isCheck: true,
        },
        {
            content: "Activity tab",
            trigger: ".o_notebook a.nav-link:contains('Activity')",
        },
        {
            content: "The change is listed, with who made it",
            trigger: "div[name='customer_activity_ids'] .o_data_row:first:contains('Terminated'):contains('Platform Manager')",
            isCheck: true,
        },
    ],
});
