"""A small local Stripe API for the tests (the machine has no internet).

It speaks enough of Stripe's HTTP API for the real ``stripe`` SDK: transfers
and transfer reversals, form-encoded bodies, Bearer keys, JSON errors, and
idempotency keys: every POST must carry an ``Idempotency-Key`` header and a
repeated key replays the first answer (status and body) instead of acting
again, as Stripe does.

It also confirms off-session PaymentIntents as ``payment_stripe`` creates
them for payments by token (``POST /v1/payment_intents`` with
``confirm``/``off_session``): succeeded, or declined with the card error and
decline code set in ``declines`` for the payment method, or left
``processing`` for the payment methods in ``processing``. Each succeeded
PaymentIntent has its charge and the charge's balance transaction, whose
``fee`` is ``fee_percent`` % + ``fee_fixed`` cents of the amount (Stripe's
card pricing by default).

GET requests read them back (no idempotency key, as Stripe): a
PaymentIntent, a charge, a balance transaction, with ``expand[]`` in the
query string. The objects have the shape of the ``Stripe-Version`` the
request names: before 2022-11-15 (``payment_stripe`` pins 2019-05-16) a
PaymentIntent lists its ``charges``, from then on it names its
``latest_charge``; expanding a property the version does not have is refused
as Stripe refuses it.
"""

import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

# The API version from which a PaymentIntent names its ``latest_charge``
# instead of listing its ``charges``
LATEST_CHARGE_VERSION = "2022-11-15"


class FakeStripe:
    def __init__(self, secret_key="sk_test_fake_revenue_share"):
        self.secret_key = secret_key
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.server = None
        self.thread = None
        self.reset()

    def reset(self):
        """Forget every object and request (between tests)."""
        self.transfers = {}
        self.reversals = {}
        self.requests = []
        self.idempotent_answers = {}
        # destination -> (status, error type, code, message) to answer instead of paying
        self.failures = {}
        self.payment_intents = {}
        # payment method -> (code, decline code, message): the card is declined
        self.declines = {}
        # payment methods whose payments stay "processing" (settled later)
        self.processing = set()
        self.charges = {}
        self.balance_transactions = {}
        # what Stripe keeps of a card payment: percent of the amount + fixed cents
        self.fee_percent = 2.9
        self.fee_fixed = 30

    @property
    def url(self):
        host, port = self.server.server_address
        return f"http://{host}:{port}"

    def start(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode()
                status, answer, replayed = fake.handle(
                    self.path, self.headers.get("Authorization", ""), self.headers.get("Idempotency-Key"), body
                )
                self._answer(status, answer, replayed)

            def do_GET(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                status, answer = fake.handle_get(
                    self.path, self.headers.get("Authorization", ""), self.headers.get("Stripe-Version")
                )
                self._answer(status, answer, False)

            def _answer(self, status, answer, replayed):
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.send_header("Request-Id", f"req_fake_{next(fake._ids)}")
                if replayed:
                    self.send_header("Idempotent-Replayed", "true")
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    @staticmethod
    def _error(status, error_type, message, code=None, param=None):
        error = {"type": error_type, "message": message}
        if code:
            error["code"] = code
        if param:
            error["param"] = param
        return status, {"error": error}

    def handle(self, path, authorization, idempotency_key, body):
        with self._lock:
            params = dict(parse_qsl(body, keep_blank_values=True))
            self.requests.append({"path": path, "key": idempotency_key, "params": params})
            if authorization != f"Bearer {self.secret_key}":
                return (*self._error(401, "invalid_request_error", "Invalid API Key provided."), False)
            if not idempotency_key:
                return (
                    *self._error(400, "invalid_request_error", "This fake Stripe requires an Idempotency-Key."),
                    False,
                )
            if idempotency_key in self.idempotent_answers:
                first_path, first_params, status, answer = self.idempotent_answers[idempotency_key]
                if first_path != path or first_params != params:
                    return (
                        *self._error(
                            400,
                            "idempotency_error",
                            "Keys for idempotent requests can only be used with the same parameters they were "
                            "first used with.",
                        ),
                        False,
                    )
                return status, answer, True
            status, answer = self._route(path, params)
            self.idempotent_answers[idempotency_key] = (path, params, status, answer)
            return status, answer, False

    def handle_get(self, path, authorization, version):
        """Read an object back: ``/v1/payment_intents/<id>``,
        ``/v1/charges/<id>``, ``/v1/balance_transactions/<id>``."""
        with self._lock:
            url = urlsplit(path)
            expand = [value for key, value in parse_qsl(url.query) if key in ("expand[]", "expand")]
            self.requests.append({"path": url.path, "method": "GET", "key": None, "params": {"expand": expand}})
            if authorization != f"Bearer {self.secret_key}":
                return self._error(401, "invalid_request_error", "Invalid API Key provided.")
            parts = url.path.strip("/").split("/")
            stores = {
                "payment_intents": self.payment_intents,
                "charges": self.charges,
                "balance_transactions": self.balance_transactions,
            }
            if len(parts) != 3 or parts[0] != "v1" or parts[1] not in stores:
                return self._error(404, "invalid_request_error", f"Unrecognized request URL (GET: {url.path}).")
            found = stores[parts[1]].get(parts[2])
            if not found:
                return self._error(
                    404, "invalid_request_error", f"No such {parts[1][:-1]}: '{parts[2]}'", "resource_missing"
                )
            answer = self._versioned(json.loads(json.dumps(found)), version or LATEST_CHARGE_VERSION)
            for path_to_expand in expand:
                error = self._expand(answer, path_to_expand.split("."))
                if error:
                    return self._error(400, "invalid_request_error", error)
            return 200, answer

    @staticmethod
    def _versioned(found, version):
        """A PaymentIntent in the shape of API ``version`` (ISO dates compare as strings)."""
        if found.get("object") == "payment_intent":
            if version < LATEST_CHARGE_VERSION:
                found.pop("latest_charge", None)
            else:
                found.pop("charges", None)
        return found

    def _expand(self, answer, path):
        """Replace the id at ``path`` in ``answer`` by its object, or say why it cannot be."""
        name, rest = path[0], path[1:]
        if name == "data" and isinstance(answer.get("data"), list):
            for item in answer["data"]:
                error = self._expand(item, rest)
                if error:
                    return error
            return None
        if name not in answer:
            return f"This property cannot be expanded ({name})."
        value = answer[name]
        if isinstance(value, str):
            stores = {"ch_": self.charges, "txn_": self.balance_transactions}
            store = next((store for prefix, store in stores.items() if value.startswith(prefix)), None)
            if store is None or value not in store:
                return f"This property cannot be expanded ({name})."
            value = answer[name] = json.loads(json.dumps(store[value]))
        if rest:
            if not isinstance(value, dict):
                return f"This property cannot be expanded ({rest[0]})."
            return self._expand(value, rest)
        return None

    def _route(self, path, params):
        parts = path.split("?")[0].strip("/").split("/")
        if parts == ["v1", "transfers"]:
            return self._create_transfer(params)
        if len(parts) == 4 and parts[:2] == ["v1", "transfers"] and parts[3] == "reversals":
            return self._create_reversal(parts[2], params)
        if parts == ["v1", "payment_intents"]:
            return self._create_payment_intent(params)
        return self._error(404, "invalid_request_error", f"Unrecognized request URL (POST: {path}).")

    @staticmethod
    def _metadata(params):
        return {key[len("metadata[") : -1]: value for key, value in params.items() if key.startswith("metadata[")}

    def _create_transfer(self, params):
        destination = params.get("destination", "")
        if destination in self.failures:
            status, error_type, code, message = self.failures[destination]
            return self._error(status, error_type, message, code=code, param="destination")
        if not params.get("amount", "").isdigit() or int(params["amount"]) <= 0:
            return self._error(400, "invalid_request_error", "Invalid positive integer", param="amount")
        transfer = {
            "id": f"tr_fake{next(self._ids):06d}",
            "object": "transfer",
            "amount": int(params["amount"]),
            "amount_reversed": 0,
            "currency": params.get("currency"),
            "destination": destination,
            "transfer_group": params.get("transfer_group"),
            "description": params.get("description"),
            "metadata": self._metadata(params),
            "reversed": False,
            "reversals": {"object": "list", "data": [], "has_more": False, "url": ""},
        }
        self.transfers[transfer["id"]] = transfer
        return 200, transfer

    def _create_reversal(self, transfer_id, params):
        transfer = self.transfers.get(transfer_id)
        if not transfer:
            return self._error(404, "invalid_request_error", f"No such transfer: '{transfer_id}'", "resource_missing")
        left = transfer["amount"] - transfer["amount_reversed"]
        amount = int(params["amount"]) if params.get("amount") else left
        if amount <= 0 or amount > left:
            return self._error(
                400,
                "invalid_request_error",
                f"Amount {amount} is more than the {left} left to reverse on {transfer_id}.",
                param="amount",
            )
        reversal = {
            "id": f"trr_fake{next(self._ids):06d}",
            "object": "transfer_reversal",
            "amount": amount,
            "currency": transfer["currency"],
            "transfer": transfer_id,
            "metadata": self._metadata(params),
        }
        transfer["amount_reversed"] += amount
        transfer["reversed"] = transfer["amount_reversed"] == transfer["amount"]
        self.reversals[reversal["id"]] = reversal
        return 200, reversal

    def _create_payment_intent(self, params):
        """Create and confirm a PaymentIntent charging a saved card off-session."""
        if not params.get("amount", "").isdigit() or int(params["amount"]) <= 0:
            return self._error(400, "invalid_request_error", "Invalid positive integer", param="amount")
        method_id = params.get("payment_method")
        if params.get("confirm") != "True" or params.get("off_session") != "True" or not method_id:
            return self._error(400, "invalid_request_error", "This fake Stripe only confirms off-session payments.")
        if not params.get("customer"):
            return self._error(400, "invalid_request_error", "Missing required param: customer.", param="customer")
        intent = {
            "id": f"pi_fake{next(self._ids):06d}",
            "object": "payment_intent",
            "amount": int(params["amount"]),
            "currency": params.get("currency"),
            "customer": params["customer"],
            "description": params.get("description"),
            "payment_method": {"id": method_id, "object": "payment_method", "type": "card", "card": {"brand": "visa"}},
            "status": "processing" if method_id in self.processing else "succeeded",
            "last_payment_error": None,
        }
        self.payment_intents[intent["id"]] = intent
        if method_id not in self.declines:
            if intent["status"] == "succeeded":
                self._charge(intent)
            return 200, intent
        code, decline_code, message = self.declines[method_id]
        error = {"type": "card_error", "code": code, "decline_code": decline_code, "message": message}
        intent.update(status="requires_payment_method", last_payment_error=error)
        return 402, {"error": {**error, "payment_intent": intent}}

    def _charge(self, intent):
        """The succeeded charge of ``intent`` and its balance transaction (Stripe's fee)."""
        amount = intent["amount"]
        fee = round(amount * self.fee_percent / 100) + self.fee_fixed
        balance = {
            "id": f"txn_fake{next(self._ids):06d}",
            "object": "balance_transaction",
            "amount": amount,
            "currency": intent["currency"],
            "fee": fee,
            "net": amount - fee,
            "type": "charge",
            "status": "pending",
        }
        charge = {
            "id": f"ch_fake{next(self._ids):06d}",
            "object": "charge",
            "amount": amount,
            "currency": intent["currency"],
            "paid": True,
            "status": "succeeded",
            "payment_intent": intent["id"],
            "balance_transaction": balance["id"],
        }
        balance["source"] = charge["id"]
        self.balance_transactions[balance["id"]] = balance
        self.charges[charge["id"]] = charge
        intent["latest_charge"] = charge["id"]
        intent["charges"] = {"object": "list", "data": [charge], "has_more": False, "url": ""}
