{
 "cells": [
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": [
    "# Churn analysis\n",
    "Pull events from the warehouse and ask the model for a summary."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {},
   "outputs": [],
   "source": [
    "import os\n",
    "import pandas as pd\n",
    "from sqlalchemy import create_engine\n",
    "\n",
    "engine = create_engine(\"postgresql+psycopg2://analyst:⟦password 16 alnum =connection-string⟧@warehouse.internal:5432/events\")\n",
    "os.environ[\"OPENAI_API_KEY\"] = \"⟦openai proj⟧\"\n",
    "os.environ[\"ANTHROPIC_API_KEY\"] = \"⟦anthropic⟧\"\n",
    "HF_TOKEN = \"⟦huggingface⟧\""
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 2,
   "metadata": {},
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "Loaded 48213 rows\n"
     ]
    }
   ],
   "source": [
    "df = pd.read_sql(\"select * from churn_events\", engine)\n",
    "print(f\"Loaded {len(df)} rows\")"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 3,
   "metadata": {},
   "outputs": [
    {
     "data": {
      "image/png": "⟦png-data 600⟧", ⟪neg image-data⟫
      "text/plain": [
       "<Figure size 640x480 with 1 Axes>"
      ]
     },
     "metadata": {},
     "output_type": "display_data"
    }
   ],
   "source": [
    "df.groupby(\"plan\")[\"churned\"].mean().plot.bar()"
   ]
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Python 3 (ipykernel)",
   "language": "python",
   "name": "python3"
  },
  "language_info": {
   "name": "python",
   "version": "3.11.9"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
