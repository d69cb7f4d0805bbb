from . import client_center, client_center_column
