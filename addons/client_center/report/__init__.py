from . import client_center_statement
