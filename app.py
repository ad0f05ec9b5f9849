"""The dashboard served: Streamlit's app around dashboard.py, its page in Spanish."""

import streamlit as st
from starlette.middleware import Middleware

from server import DashboardPage

app = st.App("dashboard.py", middleware=[Middleware(DashboardPage)])
