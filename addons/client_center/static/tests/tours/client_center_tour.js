/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * A client in the client center: chats with support and sees the answer
 * given from the backend arrive live, cancels a quotation, chooses its
 * columns, and reorders a package into the cart.
 */
registry.category("web_tour.tours").add("client_center_tour", {
    test: true,
    url: "/client-center",
    steps: () => [
        {
            content: "The home shows the counters",
            trigger: ".o_client_center_counter_payments .o_client_center_counter_value",
            isCheck: true,
        },
        {
            content: "Write to support",
            trigger: ".o_client_center_chat textarea[name=body]",
            run: "text Hello, can I move my next session?",
        },
        {
            content: "Send",
            trigger: ".o_client_center_chat_send",
        },
        {
            content: "The message is in the conversation",
            trigger: ".o_client_center_chat_message.o_mine:contains('can I move my next session')",
            isCheck: true,
        },
        {
            content: "The support team's answer arrives without reloading",
            trigger: ".o_client_center_chat_message.o_theirs:contains('Of course, pick a new time')",
            timeout: 30000,
            isCheck: true,
        },
        {
            content: "Open the orders",
            trigger: ".o_client_center_menu .o_client_center_panel_orders",
        },
        {
            content: "Cancel the quotation",
            trigger: ".o_client_center_order_row .o_client_center_cancel",
        },
        {
            content: "Confirm the cancellation",
            trigger: ".o_client_center_order_row .o_client_center_cancel_confirm:visible",
        },
        {
            content: "The quotation is cancelled",
            trigger: ".o_client_center_notice.alert-success",
            isCheck: true,
        },
        {
            content: "No quotation can be cancelled any more",
            trigger: ".o_client_center_body:not(:has(.o_client_center_cancel))",
            isCheck: true,
        },
        {
            content: "Open the column chooser",
            trigger: ".o_client_center_columns .dropdown-toggle",
        },
        {
            content: "Show the client's reference",
            trigger: ".o_client_center_columns label:contains('Your Reference')",
        },
        {
            content: "Save the columns",
            trigger: ".o_client_center_columns_save",
        },
        {
            content: "The new column is shown",
            trigger: "th.o_client_center_col_client_order_ref",
            isCheck: true,
        },
        {
            content: "Reorder the confirmed package",
            trigger: ".o_client_center_order_row .o_client_center_reorder",
        },
        {
            content: "The package is in the cart",
            trigger: "#cart_products:contains('Tour Reorder Package')",
            isCheck: true,
        },
    ],
});
